# A leftover task that fails while run() cancels it is reported to the loop's
# exception handler ('unhandled exception during asyncio.run() shutdown').
import asyncio
from compare_lib import Bang, fmt


async def background(log):
    try:
        await asyncio.sleep(10)
    finally:
        log('background fails in finally')
        raise Bang('cleanup failed')


async def main(log):
    def handler(lp, ctx):
        words = ' '.join(ctx['message'].split(' ')[:3])
        log('handler', words, fmt(ctx.get('exception')))

    asyncio.get_running_loop().set_exception_handler(handler)
    asyncio.create_task(background(log))
    await asyncio.sleep(0.01)
    return 'main result'
