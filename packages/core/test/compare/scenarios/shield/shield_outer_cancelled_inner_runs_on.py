# Cancelling the task that awaits shield(inner) raises CancelledError in that
# task; the inner task is not cancelled and runs to its end.
import asyncio
from compare_lib import fmt


async def inner(log):
    await asyncio.sleep(0.02)
    log('inner completes')
    return 'inner result'


async def outer(log, t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError as e:
        log('outer cancelled', fmt(e))
        raise


async def main(log):
    t = asyncio.create_task(inner(log))
    o = asyncio.create_task(outer(log, t))
    await asyncio.sleep(0.01)
    o.cancel('stop outer')
    try:
        await o
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    log('inner cancelled', str(t.cancelled()), 'done', str(t.done()))
    r = await t
    return r
