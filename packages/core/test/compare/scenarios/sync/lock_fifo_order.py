# Tasks contending for a Lock get it in the order they asked for it, and hold
# it across suspensions.
import asyncio


async def worker(log, lock, name, delay):
    log(name, 'wants the lock')
    async with lock:
        log(name, 'has the lock')
        await asyncio.sleep(delay)
        log(name, 'releases')


async def main(log):
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(worker(log, lock, n, d))
             for n, d in [('a', 0.03), ('b', 0.01), ('c', 0.02)]]
    await asyncio.sleep(0)
    log('locked', lock.locked())
    await asyncio.gather(*tasks)
    log('locked', lock.locked())
    return 'done'
