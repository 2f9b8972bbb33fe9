# On timeout wait_for cancels the inner awaitable, waits until it has finished
# (its finally ran, even if that takes time), then raises TimeoutError.
import asyncio
from compare_lib import fmt


async def inner(log):
    try:
        log('inner starts')
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('inner cancelled', fmt(e))
        raise
    finally:
        log('inner cleanup starts')
        await asyncio.sleep(0.005)
        log('inner cleanup ends')


async def main(log):
    try:
        await asyncio.wait_for(inner(log), 0.01)
    except TimeoutError as e:
        log('main caught', fmt(e))
    t = asyncio.create_task(inner(log))
    try:
        await asyncio.wait_for(t, 0.01)
    except TimeoutError as e:
        log('main caught', fmt(e), 'task cancelled', str(t.cancelled()))
    return None
