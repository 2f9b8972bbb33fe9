# Cancelling the task that awaits a gather cancels the gather and through it
# every child; nested gathers pass it on. The outer gather raises as soon as
# its first child ends cancelled; the others finish their cleanup later.
import asyncio
from compare_lib import fmt


async def child(log, name, cleanup):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        await asyncio.sleep(cleanup)
        log(name, 'cancelled', fmt(e))
        raise


async def waiter(log):
    try:
        await asyncio.gather(child(log, 'a', 0.001),
                             asyncio.gather(child(log, 'b', 0.002), child(log, 'c', 0.003)))
    except asyncio.CancelledError as e:
        log('waiter sees', fmt(e))
        raise


async def main(log):
    w = asyncio.create_task(waiter(log))
    await asyncio.sleep(0.01)
    w.cancel('bye')
    try:
        await w
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    await asyncio.sleep(0.01)
    return w.cancelled()
