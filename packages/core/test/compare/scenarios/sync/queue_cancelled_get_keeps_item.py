# A getter woken by put_nowait() and cancelled before it runs must not lose the
# item: the next getter gets it.
import asyncio
from compare_lib import ename


async def consumer(log, q, name):
    try:
        item = await q.get()
    except BaseException as e:
        log(name, ename(e))
        raise
    log(name, 'got', item)
    return item


async def main(log):
    q = asyncio.Queue()
    tasks = [asyncio.create_task(consumer(log, q, n)) for n in 'abc']
    await asyncio.sleep(0)
    q.put_nowait('item-1')
    tasks[0].cancel()
    await asyncio.sleep(0.01)
    log('size', q.qsize(), 'done', [t.done() for t in tasks])
    q.put_nowait('item-2')
    res = await asyncio.gather(*tasks, return_exceptions=True)
    log('results', [r if isinstance(r, str) else ename(r) for r in res])
    return q.qsize()
