# Timers fire in deadline order whatever order they were scheduled in;
# call_at takes an absolute time; when() reports the deadline.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    h30 = loop.call_later(0.03, log, 'later 30')
    loop.call_later(0.01, log, 'later 10')
    h20 = loop.call_at(loop.time() + 0.02, log, 'at 20')
    loop.call_later(0.025, log, 'later 25')
    log('when', str(round(h30.when() * 1000)), str(round(h20.when() * 1000)))
    await asyncio.sleep(0.015)
    loop.call_at(0.018, log, 'at 18 (absolute)')
    loop.call_later(0, log, 'later 0')
    await asyncio.sleep(0.05)
    return 'done'
