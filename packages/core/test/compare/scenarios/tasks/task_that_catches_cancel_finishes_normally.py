# A task that catches CancelledError and carries on finishes normally with its
# result; cancelling() stays at 1 until uncancel().
import asyncio
from compare_lib import fmt


async def child(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('child caught', fmt(e), 'cancelling', str(asyncio.current_task().cancelling()))
    await asyncio.sleep(0.01)
    log('child carries on')
    return 42


async def main(log):
    task = asyncio.create_task(child(log))
    await asyncio.sleep(0.005)
    task.cancel()
    r = await task
    log('result', str(r), 'cancelled', str(task.cancelled()), 'cancelling', str(task.cancelling()))
    log('uncancel', str(task.uncancel()), 'cancelling', str(task.cancelling()))
    return r
