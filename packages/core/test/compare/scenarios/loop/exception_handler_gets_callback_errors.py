# An exception raised by a callback goes to the loop's exception handler and
# the loop carries on with the next callback.
import asyncio
from compare_lib import Boom, fmt


async def main(log):
    loop = asyncio.get_running_loop()

    def handler(lp, ctx):
        # Only the start of the message: the rest names the callback, which
        # differs between the languages.
        words = ' '.join(ctx['message'].split(' ')[:3])
        log('handler', str(lp is loop), words, fmt(ctx.get('exception')))

    def bad(what):
        log('bad runs', what)
        raise Boom(what)

    loop.set_exception_handler(handler)
    log('handler set', str(loop.get_exception_handler() is handler))
    loop.call_soon(bad, 'first')
    loop.call_soon(log, 'next callback')
    loop.call_later(0.01, bad, 'timer')
    await asyncio.sleep(0.02)
    loop.call_exception_handler({'message': 'custom report'})
    loop.set_exception_handler(None)
    log('handler reset', str(loop.get_exception_handler() is None))
    return None
