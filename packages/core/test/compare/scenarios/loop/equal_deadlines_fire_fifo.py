# Timers with equal deadlines: aio fires them FIFO. CPython's heap leaves the
# order undefined in general; for this insertion sequence it is FIFO too.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    loop.call_later(0.02, log, 'a 20')
    loop.call_later(0.01, log, 'b 10')
    loop.call_later(0.02, log, 'c 20')
    await asyncio.sleep(0.01)
    loop.call_later(0.01, log, 'd 20')
    await asyncio.sleep(0.02)
    return None
