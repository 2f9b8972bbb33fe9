# Queue.shutdown() (3.13): put() raises QueueShutDown at once, while getters
# first drain the items left and only then raise.
import asyncio
from compare_lib import ename

MIN_PYTHON = (3, 13)


async def consumer(log, q, name):
    got = []
    while True:
        try:
            item = await q.get()
        except asyncio.QueueShutDown as e:
            log(name, ename(e), 'after', got)
            return got
        got.append(item)
        await asyncio.sleep(0.01)


async def main(log):
    q = asyncio.Queue()
    for i in range(5):
        q.put_nowait(i)
    consumers = [asyncio.create_task(consumer(log, q, n)) for n in 'ab']
    await asyncio.sleep(0.015)
    q.shutdown()
    log('shut down; size', q.qsize())
    try:
        await q.put(99)
    except asyncio.QueueShutDown as e:
        log('put:', ename(e))
    try:
        q.put_nowait(99)
    except asyncio.QueueShutDown as e:
        log('put_nowait:', ename(e))
    res = await asyncio.gather(*consumers)
    try:
        q.get_nowait()
    except asyncio.QueueShutDown as e:
        log('get_nowait:', ename(e))
    return res
