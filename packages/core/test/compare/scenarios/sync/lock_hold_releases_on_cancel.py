# `async with lock` releases the lock however the body ends: normally, by an
# error, or by cancellation; the next waiter then gets it.
import asyncio
from compare_lib import Boom, ename


async def body(log, lock, name, how):
    try:
        async with lock:
            log(name, 'inside')
            await asyncio.sleep(0.01)
            if how == 'fail':
                raise Boom('failed')
            log(name, 'leaving normally')
    except BaseException as e:
        log(name, 'left with', ename(e), 'locked', lock.locked())
        raise


async def main(log):
    lock = asyncio.Lock()
    t1 = asyncio.create_task(body(log, lock, 'one', 'cancel'))
    t2 = asyncio.create_task(body(log, lock, 'two', 'fail'))
    t3 = asyncio.create_task(body(log, lock, 'three', 'ok'))
    await asyncio.sleep(0.005)
    t1.cancel()
    res = await asyncio.gather(t1, t2, t3, return_exceptions=True)
    log('results', [ename(r) if r is not None else 'ok' for r in res])
    log('locked', lock.locked())
