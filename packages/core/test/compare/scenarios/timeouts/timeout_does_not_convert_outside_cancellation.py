# A cancel() from outside while a timeout() block is active stays a
# CancelledError: only the block's own cancellation becomes TimeoutError.
import asyncio
from compare_lib import fmt


async def worker(log):
    try:
        async with asyncio.timeout(0.05) as t:
            await asyncio.sleep(1)
    except TimeoutError:
        log('worker saw TimeoutError')
    except asyncio.CancelledError as e:
        log('worker saw', fmt(e), 'expired', str(t.expired()))
        raise


async def main(log):
    w = asyncio.create_task(worker(log))
    await asyncio.sleep(0.01)
    w.cancel('from outside')
    try:
        await w
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    return w.cancelled()
