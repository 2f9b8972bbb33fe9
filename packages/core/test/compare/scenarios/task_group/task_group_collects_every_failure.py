# Failures raised while the group is already aborting (in a sibling's cleanup,
# or from the body) are collected too, in the order they happened; the body's
# own error comes last.
import asyncio
from compare_lib import Boom, Bang, Oops, fmt


async def first(log):
    await asyncio.sleep(0.01)
    raise Boom('first')


async def cleanup_fails(log):
    try:
        await asyncio.sleep(1)
    finally:
        log('cleanup_fails cleans up')
        raise Bang('in cleanup')


async def main(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(first(log))
            tg.create_task(cleanup_fails(log))
            await asyncio.sleep(0.005)
            raise Oops('body')
    except* Exception as eg:
        log('caught', fmt(eg))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(first(log))
            tg.create_task(cleanup_fails(log))
    except* Exception as eg:
        log('caught', fmt(eg))
    return None
