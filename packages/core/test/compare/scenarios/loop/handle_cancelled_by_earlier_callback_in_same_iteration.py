# A callback can cancel a handle that is due later in the same iteration: it is
# skipped.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    handles = {}

    def first():
        log('first cancels third')
        handles['third'].cancel()

    loop.call_soon(first)
    loop.call_soon(log, 'second')
    handles['third'] = loop.call_soon(log, 'third')
    loop.call_soon(log, 'fourth')
    await asyncio.sleep(0)
    log('main resumed')
    return None
