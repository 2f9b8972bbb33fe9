# Barrier(3): the third arrival releases the round (it returns first, index 2);
# a fourth task arriving while the round drains waits for the next round.
import asyncio


async def runner(log, barrier, name, delay):
    await asyncio.sleep(delay)
    log(name, 'arrives; n_waiting', barrier.n_waiting)
    i = await barrier.wait()
    log(name, 'passes with index', i)
    return i


async def main(log):
    barrier = asyncio.Barrier(3)
    log('parties', barrier.parties, 'broken', barrier.broken)
    tasks = [asyncio.create_task(runner(log, barrier, n, d))
             for n, d in [('a', 0.01), ('b', 0.02), ('c', 0.03), ('d', 0.03),
                          ('e', 0.04), ('f', 0.05)]]
    res = await asyncio.gather(*tasks)
    log('n_waiting', barrier.n_waiting)
    return res
