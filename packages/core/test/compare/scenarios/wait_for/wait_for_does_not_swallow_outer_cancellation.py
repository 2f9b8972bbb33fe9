# A cancellation of the task awaiting wait_for propagates as CancelledError
# (never TimeoutError), and the inner awaitable is cancelled too.
import asyncio
from compare_lib import fmt

# wait_for was rewritten on top of timeout() in 3.12; 3.11 gives another trace.
MIN_PYTHON = (3, 12)


async def inner(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('inner cancelled', fmt(e))
        raise


async def outer(log):
    try:
        await asyncio.wait_for(inner(log), 0.05)
    except asyncio.CancelledError as e:
        log('outer sees', fmt(e))
        raise
    except TimeoutError:
        log('outer sees TimeoutError')


async def main(log):
    t = asyncio.create_task(outer(log))
    await asyncio.sleep(0.01)
    t.cancel('from outside')
    try:
        await t
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    return t.cancelled()
