# A task cancelled while it waits at a barrier just leaves: the barrier is not
# broken and the next tasks fill it as usual.
import asyncio
from compare_lib import ename


async def runner(log, barrier, name):
    try:
        i = await barrier.wait()
        log(name, 'passes', i)
    except BaseException as e:
        log(name, ename(e))
        raise


async def main(log):
    barrier = asyncio.Barrier(2)
    p = asyncio.create_task(runner(log, barrier, 'p'))
    await asyncio.sleep(0)
    log('n_waiting', barrier.n_waiting)
    p.cancel()
    await asyncio.gather(p, return_exceptions=True)
    log('n_waiting', barrier.n_waiting, 'broken', barrier.broken)
    await asyncio.gather(*(asyncio.create_task(runner(log, barrier, n)) for n in 'qr'))
