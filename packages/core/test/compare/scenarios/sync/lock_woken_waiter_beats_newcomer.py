# release() hands the lock to the first waiter. A task that asks for it before
# that waiter has run queues behind it, although locked() is False meanwhile.
import asyncio


async def worker(log, lock, name):
    log(name, 'acquiring')
    await lock.acquire()
    log(name, 'got it')
    await asyncio.sleep(0)
    lock.release()
    log(name, 'released')


async def main(log):
    lock = asyncio.Lock()
    await lock.acquire()
    first = asyncio.create_task(worker(log, lock, 'first'))
    await asyncio.sleep(0)
    lock.release()
    log('released by main; locked', lock.locked())
    newcomer = asyncio.create_task(worker(log, lock, 'newcomer'))
    await asyncio.gather(first, newcomer)
    log('locked', lock.locked())
