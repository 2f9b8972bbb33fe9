# A failure in an inner task group reaches the outer group as an exception
# group inside an exception group.
import asyncio
from compare_lib import Boom, fmt


async def failing():
    await asyncio.sleep(0.01)
    raise Boom('deep')


async def sibling(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log('outer sibling cancelled')
        raise


async def main(log):
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(sibling(log))
            async with asyncio.TaskGroup() as inner:
                inner.create_task(failing())
            log('never here')
    except* Boom as eg:
        log('caught', fmt(eg))
    return None
