# abort() breaks the barrier: tasks waiting in it and every later wait() raise
# BrokenBarrierError; reset() makes it usable again.
import asyncio
from compare_lib import ename


async def runner(log, barrier, name):
    try:
        i = await barrier.wait()
        log(name, 'passes', i)
    except BaseException as e:
        log(name, ename(e), str(e))


async def main(log):
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(runner(log, barrier, n)) for n in 'ab']
    await asyncio.sleep(0.01)
    log('aborting; n_waiting', barrier.n_waiting)
    await barrier.abort()
    log('broken', barrier.broken, 'n_waiting', barrier.n_waiting)
    await asyncio.gather(*tasks)
    await runner(log, barrier, 'late')
    await barrier.reset()
    log('after reset: broken', barrier.broken)
    tasks = [asyncio.create_task(runner(log, barrier, n)) for n in 'xyz']
    await asyncio.gather(*tasks)
