# timeout_at() with a deadline already past (or now) expires at the body's
# first await, in the next iteration; code before the await runs.
import asyncio
from compare_lib import fmt, ticker


async def main(log):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.01)
    ticker(log, 3)
    try:
        async with asyncio.timeout_at(loop.time() - 0.005):
            log('body starts')
            await asyncio.sleep(1)
            log('never here')
    except TimeoutError as e:
        log('caught', fmt(e))
    try:
        async with asyncio.timeout(0):
            log('body starts')
            await asyncio.sleep(0)
            log('after sleep 0')
            await asyncio.sleep(0)
    except TimeoutError as e:
        log('caught', fmt(e))
    return None
