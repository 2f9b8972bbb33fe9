# A waiter that release() chose, cancelled before it runs, hands the lock to the
# next waiter: no wake-up is lost.
import asyncio


async def waiter(log, lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        log(name, 'cancelled; locked', lock.locked())
        raise
    log(name, 'got the lock')
    lock.release()


async def main(log):
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(log, lock, 'a'))
    b = asyncio.create_task(waiter(log, lock, 'b'))
    c = asyncio.create_task(waiter(log, lock, 'c'))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    results = await asyncio.gather(a, b, c, return_exceptions=True)
    log('results', [type(r).__name__ if r is not None else 'ok' for r in results])
    log('locked', lock.locked())
