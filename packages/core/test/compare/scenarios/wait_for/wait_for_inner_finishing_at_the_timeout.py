# The inner coroutine would finish exactly when the timeout fires. wait_for's
# timer was scheduled first, so it fires first and the result is lost: the
# inner sleep is cancelled and wait_for raises TimeoutError.
import asyncio
from compare_lib import fmt


async def inner(log):
    try:
        await asyncio.sleep(0.01)
        log('inner finished')
        return 'value'
    except asyncio.CancelledError:
        log('inner cancelled')
        raise


async def main(log):
    try:
        r = await asyncio.wait_for(inner(log), 0.01)
        log('got', r)
    except TimeoutError as e:
        log('timed out', fmt(e))
    return None
