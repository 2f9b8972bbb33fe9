# cancel(msg) on a task cancels the future it awaits; the task sees
# CancelledError(msg) at that await, may clean up, and ends cancelled.
import asyncio
from compare_lib import fmt


async def child(log, fut):
    try:
        log('child waits')
        await fut
    except asyncio.CancelledError as e:
        log('child caught', fmt(e))
        raise
    finally:
        log('child finally')


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.create_task(child(log, fut))
    await asyncio.sleep(0.01)
    log('cancel returned', str(task.cancel('stop it')))
    log('inner future cancelled', str(fut.cancelled()), 'task done', str(task.done()))
    try:
        await task
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    log('task cancelled', str(task.cancelled()), 'cancel done task', str(task.cancel()))
    return 'end'
