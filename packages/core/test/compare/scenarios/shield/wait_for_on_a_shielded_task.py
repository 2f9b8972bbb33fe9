# wait_for(shield(task), timeout): the timeout cancels only the shield; the
# task runs on and can still be awaited.
import asyncio
from compare_lib import fmt


async def work(log):
    await asyncio.sleep(0.03)
    log('work done')
    return 'result'


async def main(log):
    t = asyncio.create_task(work(log))
    try:
        await asyncio.wait_for(asyncio.shield(t), 0.01)
    except TimeoutError as e:
        log('timed out', fmt(e), 'task cancelled', str(t.cancelled()))
    r = await t
    log('task result', r)
    return r
