# Timers with equal deadlines: aio fires them FIFO (a deliberate improvement).
# CPython's heap leaves their order undefined: five timers scheduled at once
# for the same deadline come out a, c, b, d, e. This insertion sequence is one
# whose CPython order happens to be FIFO, so the two can be compared.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    loop.call_later(0.02, log, 'a 20')
    loop.call_later(0.02, log, 'b 20')
    loop.call_later(0.01, log, 'x 10')
    loop.call_later(0.02, log, 'c 20')
    await asyncio.sleep(0.01)
    loop.call_later(0.01, log, 'd 20')
    await asyncio.sleep(0.02)
    return None
