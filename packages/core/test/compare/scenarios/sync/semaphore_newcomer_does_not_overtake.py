# A task that calls acquire() while others wait queues behind them even when a
# permit is free at that moment (FIFO fairness).
import asyncio


async def worker(log, sem, name):
    log(name, 'acquiring; locked', sem.locked())
    async with sem:
        log(name, 'acquired')
        await asyncio.sleep(0)
    log(name, 'released')


async def main(log):
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    a = asyncio.create_task(worker(log, sem, 'a'))
    b = asyncio.create_task(worker(log, sem, 'b'))
    await asyncio.sleep(0)
    sem.release()
    log('main released; locked', sem.locked())
    late = asyncio.create_task(worker(log, sem, 'late'))
    await asyncio.gather(a, b, late)
    log('locked', sem.locked())
