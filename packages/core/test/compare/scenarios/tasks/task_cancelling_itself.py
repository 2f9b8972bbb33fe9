# A task that cancels itself while running: the CancelledError arrives at its
# next suspension point (here a sleep(0)), not at once.
import asyncio
from compare_lib import fmt


async def child(log):
    me = asyncio.current_task()
    log('cancel self', str(me.cancel('self')))
    log('still running, cancelling', str(me.cancelling()))
    try:
        await asyncio.sleep(0)
        log('never here')
    except asyncio.CancelledError as e:
        log('caught at the next await', fmt(e))
    await asyncio.sleep(0)
    log('goes on')
    return 'done'


async def main(log):
    t = asyncio.create_task(child(log))
    return await t
