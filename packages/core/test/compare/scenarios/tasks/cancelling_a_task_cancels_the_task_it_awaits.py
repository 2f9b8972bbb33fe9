# A task awaiting another task: cancel() on the outer one cancels the inner one
# (it is the future the outer awaits), and the message travels with it.
import asyncio
from compare_lib import fmt


async def inner(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('inner cancelled', fmt(e))
        raise


async def outer(log, t):
    try:
        await t
    except asyncio.CancelledError as e:
        log('outer cancelled', fmt(e))
        raise


async def main(log):
    t = asyncio.create_task(inner(log))
    o = asyncio.create_task(outer(log, t))
    await asyncio.sleep(0.01)
    log('cancel outer', str(o.cancel('stop')))
    log('inner cancelling', str(t.cancelling()), 'outer cancelling', str(o.cancelling()))
    try:
        await o
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    log('inner cancelled()', str(t.cancelled()), 'outer cancelled()', str(o.cancelled()))
    return None
