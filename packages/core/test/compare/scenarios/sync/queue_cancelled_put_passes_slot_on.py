# A putter woken by get_nowait() and cancelled before it runs passes the free
# slot to the next putter.
import asyncio
from compare_lib import ename


async def producer(log, q, item):
    try:
        await q.put(item)
    except BaseException as e:
        log(item, ename(e))
        raise
    log(item, 'put')


async def main(log):
    q = asyncio.Queue(1)
    q.put_nowait('first')
    tasks = [asyncio.create_task(producer(log, q, n)) for n in ['p1', 'p2', 'p3']]
    await asyncio.sleep(0)
    log('took', q.get_nowait())
    tasks[0].cancel()
    await asyncio.sleep(0.01)
    log('queue', q.get_nowait(), 'done', [t.done() for t in tasks])
    await asyncio.sleep(0)
    log('queue', q.get_nowait())
    res = await asyncio.gather(*tasks, return_exceptions=True)
    log('results', [ename(r) if r is not None else 'ok' for r in res])
