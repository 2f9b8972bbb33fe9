# An error raised by the body cancels the group's tasks, which are waited for;
# the error is delivered inside an exception group.
import asyncio
from compare_lib import Boom, fmt


async def child(log, name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log(name, 'cancelled', fmt(e))
        await asyncio.sleep(0.005)
        log(name, 'cleanup done')
        raise


async def main(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(log, 'a'))
            await asyncio.sleep(0.01)
            raise Boom('from body')
    except* Boom as eg:
        log('caught', fmt(eg))
    return None
