# The timeout fires and an outside cancel() arrives before the task resumes:
# two cancel requests, so the block does not convert: CancelledError escapes.
import asyncio
from compare_lib import fmt


async def worker(log):
    try:
        async with asyncio.timeout(0.01) as t:
            await asyncio.sleep(1)
    except TimeoutError:
        log('worker saw TimeoutError')
    except asyncio.CancelledError as e:
        log('worker saw', fmt(e), 'expired', str(t.expired()),
            'cancelling', str(asyncio.current_task().cancelling()))
        raise


async def main(log):
    loop = asyncio.get_running_loop()
    w = asyncio.create_task(worker(log))
    await asyncio.sleep(0)
    loop.call_at(0.01, w.cancel, 'outside')
    try:
        await w
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    return w.cancelled()
