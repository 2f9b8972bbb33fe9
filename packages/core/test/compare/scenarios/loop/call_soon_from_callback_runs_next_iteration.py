# One iteration runs only the callbacks that were ready when it began: a
# callback scheduled by a callback waits for the next iteration, behind the
# ones queued earlier.
import asyncio
from compare_lib import ticker


async def main(log):
    loop = asyncio.get_running_loop()

    def outer(name):
        log('outer', name)
        loop.call_soon(log, 'inner of', name)

    ticker(log, 4)
    loop.call_soon(outer, 'a')
    loop.call_soon(outer, 'b')
    loop.call_soon(log, 'plain c')
    await asyncio.sleep(0)
    log('main 1')
    await asyncio.sleep(0)
    log('main 2')
    return 'ok'
