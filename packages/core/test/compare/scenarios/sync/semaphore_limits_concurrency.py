# Semaphore(2) lets at most two workers run at once; the others start in FIFO
# order as permits come back.
import asyncio


async def worker(log, sem, name, delay, running):
    async with sem:
        running.append(name)
        log(name, 'starts; running', sorted(running))
        await asyncio.sleep(delay)
        running.remove(name)
        log(name, 'ends')


async def main(log):
    sem = asyncio.Semaphore(2)
    running = []
    jobs = [('a', 0.03), ('b', 0.01), ('c', 0.02), ('d', 0.01), ('e', 0.01)]
    tasks = [asyncio.create_task(worker(log, sem, n, d, running)) for n, d in jobs]
    await asyncio.sleep(0)
    log('locked', sem.locked())
    await asyncio.gather(*tasks)
    log('locked', sem.locked())
