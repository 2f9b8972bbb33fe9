# When main raises, run() still cancels and awaits the leftover tasks, then
# raises main's error.
import asyncio
from compare_lib import Boom


async def background(log):
    try:
        await asyncio.sleep(10)
    finally:
        await asyncio.sleep(0.005)
        log('background finally')


async def main(log):
    asyncio.create_task(background(log))
    await asyncio.sleep(0.01)
    log('main raises')
    raise Boom('main failed')
