# A waiter cancelled while another task holds the lock throws CancelledError only
# after it has re-acquired the lock; its cancellation passes a (spurious)
# wake-up to the next waiter.
import asyncio
from compare_lib import ename

# CPython 3.13 (cpython#112202): earlier versions lose the wake-up and deadlock.
MIN_PYTHON = (3, 13)


async def waiter(log, cond, name):
    async with cond:
        try:
            await cond.wait()
            log(name, 'woke; locked', cond.locked())
        except BaseException as e:
            log(name, ename(e), '; locked', cond.locked())
            raise


async def main(log):
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(log, cond, 'a'))
    b = asyncio.create_task(waiter(log, cond, 'b'))
    await asyncio.sleep(0)
    await cond.acquire()
    a.cancel()
    await asyncio.sleep(0.01)
    log('main still holds the lock; a done', a.done())
    cond.release()
    res = await asyncio.gather(a, b, return_exceptions=True)
    log('results', [ename(r) if r is not None else 'ok' for r in res])
    return cond.locked()
