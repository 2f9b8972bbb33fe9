# reschedule() moves the deadline later, earlier, or off (None).
import asyncio
from compare_lib import fmt


async def main(log):
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(0.01) as t:
        t.reschedule(loop.time() + 0.03)
        await asyncio.sleep(0.02)
        log('survived past the first deadline, when', str(round(t.when() * 1000)))
    try:
        async with asyncio.timeout(None) as t:
            log('when is None', str(t.when() is None))
            await asyncio.sleep(0.01)
            t.reschedule(loop.time() + 0.005)
            await asyncio.sleep(1)
    except TimeoutError as e:
        log('caught', fmt(e))
    async with asyncio.timeout(0.01) as t:
        t.reschedule(None)
        await asyncio.sleep(0.02)
        log('no deadline, expired', str(t.expired()))
    return None
