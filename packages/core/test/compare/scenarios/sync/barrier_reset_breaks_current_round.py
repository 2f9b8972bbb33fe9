# reset() while tasks wait: they raise BrokenBarrierError and leave; the barrier
# is usable again once they are out (tasks arriving meanwhile wait for that).
import asyncio
from compare_lib import ename


async def runner(log, barrier, name):
    try:
        i = await barrier.wait()
        log(name, 'passes', i)
    except BaseException as e:
        log(name, ename(e), str(e))


async def main(log):
    barrier = asyncio.Barrier(2)
    a = asyncio.create_task(runner(log, barrier, 'a'))
    await asyncio.sleep(0)
    log('n_waiting', barrier.n_waiting)
    await barrier.reset()
    b = asyncio.create_task(runner(log, barrier, 'b'))
    c = asyncio.create_task(runner(log, barrier, 'c'))
    log('reset; n_waiting', barrier.n_waiting, 'broken', barrier.broken)
    await asyncio.gather(a, b, c)
    log('n_waiting', barrier.n_waiting)
