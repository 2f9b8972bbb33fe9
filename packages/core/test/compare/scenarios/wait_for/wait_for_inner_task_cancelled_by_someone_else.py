# If the inner task of wait_for is cancelled by someone else, wait_for raises
# CancelledError (not TimeoutError).
import asyncio
from compare_lib import fmt


async def work():
    await asyncio.sleep(1)


async def main(log):
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(work())
    loop.call_later(0.01, t.cancel, 'other')
    try:
        await asyncio.wait_for(t, 0.05)
    except TimeoutError:
        log('TimeoutError')
    except asyncio.CancelledError as e:
        log('wait_for raised', fmt(e), 'cancelling', str(asyncio.current_task().cancelling()))
    await asyncio.sleep(0.1)
    log('main goes on')
    return None
