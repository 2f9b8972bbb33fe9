# cancelling() counts cancel() requests on a pending task; uncancel() takes one
# back and returns the new count; a second cancel() while the first is pending
# returns True again.
import asyncio
from compare_lib import fmt


async def child(log):
    me = asyncio.current_task()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('child caught', fmt(e), 'cancelling', str(me.cancelling()))
        log('uncancel ->', str(me.uncancel()))
        log('uncancel ->', str(me.uncancel()))
        log('uncancel at 0 ->', str(me.uncancel()))
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('child caught again', fmt(e), 'cancelling', str(me.cancelling()))
    return 'ok'


async def main(log):
    task = asyncio.create_task(child(log))
    await asyncio.sleep(0)
    log('cancel 1', str(task.cancel('one')))
    log('cancel 2', str(task.cancel('two')))
    log('cancelling', str(task.cancelling()))
    await asyncio.sleep(0.01)
    log('cancel 3', str(task.cancel('three')))
    r = await task
    log('final cancelling', str(task.cancelling()))
    return r
