# Even with return_exceptions=True, cancelling the gather itself makes it raise
# CancelledError (the children become CancelledErrors, the gather is cancelled).
import asyncio
from compare_lib import fmt


async def child(v):
    await asyncio.sleep(1)
    return v


async def main(log):
    g = asyncio.gather(child(1), child(2), return_exceptions=True)
    await asyncio.sleep(0.01)
    g.cancel()
    try:
        r = await g
        log('gather returned', fmt(r))
    except asyncio.CancelledError as e:
        log('gather raised', fmt(e))
    return g.cancelled()
