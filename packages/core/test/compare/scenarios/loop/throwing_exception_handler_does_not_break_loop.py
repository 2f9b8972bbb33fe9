# An exception handler that raises itself cannot break the loop: the loop
# reports that elsewhere and runs the next callback.
import asyncio
from compare_lib import Boom, Bang


async def main(log):
    loop = asyncio.get_running_loop()

    def handler(lp, ctx):
        log('handler called')
        raise Bang('handler fails')

    def bad():
        log('bad runs')
        raise Boom('callback fails')

    loop.set_exception_handler(handler)
    loop.call_soon(bad)
    loop.call_soon(log, 'after bad')
    await asyncio.sleep(0)
    log('main resumed')
    await asyncio.sleep(0.01)
    log('still running')
    loop.set_exception_handler(None)
    return 'survived'
