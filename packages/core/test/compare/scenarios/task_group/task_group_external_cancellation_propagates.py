# Cancelling the task that runs a TaskGroup cancels every task of the group
# and the block raises CancelledError (not an exception group). (The group
# cancels its tasks in an undefined order in CPython, so each logs after a
# distinct cleanup delay.)
import asyncio
from compare_lib import fmt


async def child(log, name, cleanup):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        await asyncio.sleep(cleanup)
        log(name, 'cancelled', fmt(e))
        raise


async def runner(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(log, 'a', 0.002))
            tg.create_task(child(log, 'b', 0.001))
            await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('runner sees', fmt(e), 'cancelling', str(asyncio.current_task().cancelling()))
        raise


async def main(log):
    r = asyncio.create_task(runner(log))
    await asyncio.sleep(0.01)
    r.cancel('shutdown')
    try:
        await r
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    return r.cancelled()
