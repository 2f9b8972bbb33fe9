# An error raised by the inner awaitable propagates unchanged through wait_for.
import asyncio
from compare_lib import Boom


async def failing():
    await asyncio.sleep(0.01)
    raise Boom('inner failed')


async def main(log):
    try:
        await asyncio.wait_for(failing(), 1)
    except Boom as e:
        log('caught Boom', str(e))
    return await asyncio.wait_for(failing(), 1)
