# A group task fails while the body waits inside a timeout() block: the
# group's cancellation is not the timeout's, so the block lets CancelledError
# through (no TimeoutError) and the group raises the failure.
import asyncio
from compare_lib import Boom, fmt


async def failing():
    await asyncio.sleep(0.01)
    raise Boom('child')


async def main(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing())
            try:
                async with asyncio.timeout(0.05) as t:
                    await asyncio.sleep(1)
            except TimeoutError:
                log('body saw TimeoutError')
            except asyncio.CancelledError as e:
                log('body saw', fmt(e), 'timeout expired', str(t.expired()))
                raise
    except* Boom as eg:
        log('caught', fmt(eg), 'cancelling', str(asyncio.current_task().cancelling()))
    return None
