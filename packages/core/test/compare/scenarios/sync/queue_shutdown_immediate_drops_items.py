# shutdown(immediate=True) (3.13) drops the items left, counts each as done (so
# join() returns once the items taken are done), and wakes every getter to raise.
import asyncio
from compare_lib import ename

MIN_PYTHON = (3, 13)


async def consumer(log, q, name):
    while True:
        try:
            item = await q.get()
        except asyncio.QueueShutDown as e:
            log(name, ename(e))
            return
        log(name, 'got', item)
        await asyncio.sleep(0.01)
        q.task_done()
        log(name, 'done with', item)


async def joiner(log, q):
    await q.join()
    log('join returned')


async def main(log):
    q = asyncio.Queue()
    for i in range(6):
        q.put_nowait(i)
    consumers = [asyncio.create_task(consumer(log, q, n)) for n in 'ab']
    j = asyncio.create_task(joiner(log, q))
    await asyncio.sleep(0.015)
    log('size', q.qsize())
    q.shutdown(immediate=True)
    log('shut down immediately; size', q.qsize(), 'empty', q.empty())
    await asyncio.gather(*consumers, j)
