# If the shielded inner awaitable fails or is cancelled, the outer future gets
# the same outcome.
import asyncio
from compare_lib import Boom, fmt


async def failing():
    await asyncio.sleep(0.01)
    raise Boom('inner')


async def sleeper():
    await asyncio.sleep(1)


async def main(log):
    try:
        await asyncio.shield(failing())
    except Boom as e:
        log('outer got', fmt(e))
    t = asyncio.create_task(sleeper())
    s = asyncio.shield(t)
    await asyncio.sleep(0.01)
    t.cancel('inner cancelled')
    try:
        await s
    except asyncio.CancelledError as e:
        log('outer got', fmt(e), 'outer cancelled()', str(s.cancelled()))
    return None
