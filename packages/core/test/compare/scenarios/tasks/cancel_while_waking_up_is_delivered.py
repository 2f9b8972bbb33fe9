# cancel() on a task whose future has just completed (wake-up already queued):
# the future cannot be cancelled any more, so the CancelledError is thrown into
# the task at its next step instead, and the result is lost.
import asyncio
from compare_lib import fmt


async def child(log, fut):
    try:
        v = await fut
        log('child got', str(v))
    except asyncio.CancelledError as e:
        log('child caught', fmt(e))
        raise
    return v


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.create_task(child(log, fut))
    await asyncio.sleep(0)
    fut.set_result(1)
    log('cancel', str(task.cancel('late')), 'fut cancelled', str(fut.cancelled()))
    try:
        await task
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    return task.cancelled()
