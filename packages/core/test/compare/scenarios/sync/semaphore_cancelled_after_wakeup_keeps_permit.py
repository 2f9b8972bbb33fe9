# cpython#90155: two release() calls wake two waiters; the first is cancelled
# before it runs, so its permit must go to the third waiter instead of being lost.
import asyncio
from compare_lib import ename


async def waiter(log, sem, name):
    try:
        await sem.acquire()
    except BaseException as e:
        log(name, ename(e))
        raise
    log(name, 'acquired')


async def main(log):
    sem = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(waiter(log, sem, n)) for n in 'abcd']
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    tasks[0].cancel()
    await asyncio.sleep(0.01)
    log('done', [t.done() for t in tasks], 'locked', sem.locked())
    sem.release()
    res = await asyncio.gather(*tasks, return_exceptions=True)
    log('results', [ename(r) if r is not None else 'ok' for r in res])
    return sem.locked()
