# Leftover tasks that await one another when main returns: run() cancels both;
# the awaiting one sees the cancellation of the one it awaits as well.
import asyncio
from compare_lib import fmt


async def leaf(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        await asyncio.sleep(0.001)
        log('leaf cancelled', fmt(e))
        raise


async def parent(log, t):
    try:
        await t
    except asyncio.CancelledError as e:
        await asyncio.sleep(0.002)
        log('parent cancelled', fmt(e), 'leaf cancelled', str(t.cancelled()))
        raise


async def main(log):
    t = asyncio.create_task(leaf(log))
    asyncio.create_task(parent(log, t))
    await asyncio.sleep(0.01)
    return 'main done'
