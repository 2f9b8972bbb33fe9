# A task whose timer was scheduled before wait_for's: both are due in the same
# iteration. The task's sleep completes first, but the timeout's cancel()
# reaches the task before it resumes, so it is cancelled all the same.
import asyncio
from compare_lib import fmt

# wait_for was rewritten on top of timeout() in 3.12; 3.11 gives another trace.
MIN_PYTHON = (3, 12)


async def inner(log):
    try:
        await asyncio.sleep(0.01)
        log('inner finished')
        return 'value'
    except asyncio.CancelledError:
        log('inner cancelled')
        raise


async def main(log):
    t = asyncio.create_task(inner(log))
    await asyncio.sleep(0)
    try:
        r = await asyncio.wait_for(t, 0.01)
        log('got', r)
    except TimeoutError as e:
        log('timed out', fmt(e), 'task cancelled', str(t.cancelled()))
    return None
