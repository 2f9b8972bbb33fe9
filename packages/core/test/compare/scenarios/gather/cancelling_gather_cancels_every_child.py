# Cancelling the gather future cancels every child; awaiting it raises
# CancelledError; cancel() on it returns True once, then False when done.
import asyncio
from compare_lib import fmt


async def child(log, name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as e:
        log(name, 'cancelled with', fmt(e))
        raise


async def main(log):
    loop = asyncio.get_running_loop()
    t1 = asyncio.create_task(child(log, 'one', 1))
    g = asyncio.gather(t1, child(log, 'two', 1))
    await asyncio.sleep(0.01)
    log('cancel gather', str(g.cancel('halt')))
    try:
        await g
    except asyncio.CancelledError as e:
        log('gather raised', fmt(e))
    log('gather cancelled', str(g.cancelled()), 'child cancelled', str(t1.cancelled()))
    log('cancel again', str(g.cancel()))
    return None
