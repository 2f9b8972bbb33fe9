# Cancelling the future returned by shield() cancels only that future; the
# inner coroutine (wrapped in a task) finishes and its result is kept.
import asyncio
from compare_lib import fmt


async def inner(log):
    await asyncio.sleep(0.02)
    log('inner completes')
    return 7


async def main(log):
    s = asyncio.shield(inner(log))
    await asyncio.sleep(0.01)
    log('cancel shield', str(s.cancel()))
    try:
        await s
    except asyncio.CancelledError as e:
        log('await shield raised', fmt(e))
    await asyncio.sleep(0.02)
    done = asyncio.get_running_loop().create_future()
    done.set_result('d')
    s2 = asyncio.shield(done)
    log('shield of done future is that future', str(s2 is done))
    return None
