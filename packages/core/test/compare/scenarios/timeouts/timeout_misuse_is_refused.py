# reschedule() after the block has expired raises (asyncio: RuntimeError; aio:
# an Error); an error raised by the body passes through unchanged.
import asyncio
from compare_lib import Boom, fmt, ename


async def main(log):
    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(0.01)
            raise Boom('body error')
    except Boom as e:
        log('body error passes through', fmt(e))
    try:
        async with asyncio.timeout(0.01) as t:
            await asyncio.sleep(1)
    except TimeoutError:
        log('timed out')
    try:
        t.reschedule(None)
    except Exception as e:  # noqa: BLE001
        log('reschedule after expiry raised', ename(e))
    return None
