# A child cancelled on its own (not through the gather) makes the gather raise
# CancelledError, without cancelling the other children.
import asyncio
from compare_lib import fmt


async def child(log, name, delay):
    try:
        await asyncio.sleep(delay)
        log(name, 'finished')
        return name
    except asyncio.CancelledError as e:
        log(name, 'cancelled with', fmt(e))
        raise


async def main(log):
    t1 = asyncio.create_task(child(log, 'one', 0.05))
    t2 = asyncio.create_task(child(log, 'two', 0.02))
    g = asyncio.gather(t1, t2)
    await asyncio.sleep(0.01)
    t1.cancel('only one')
    try:
        await g
    except asyncio.CancelledError as e:
        log('gather raised', fmt(e), 'gather cancelled()', str(g.cancelled()))
    await asyncio.sleep(0.05)
    log('two result', t2.result())
    return None
