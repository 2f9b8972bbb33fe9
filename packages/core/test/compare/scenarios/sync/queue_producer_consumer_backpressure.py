# A fast producer and a slow consumer through Queue(2): put() blocks while the
# queue is full, so the producer runs at the consumer's pace.
import asyncio


async def producer(log, q):
    for i in range(6):
        await q.put(i)
        log('put', i, 'size', q.qsize(), 'full', q.full())
    log('producer done')


async def consumer(log, q):
    total = 0
    for _ in range(6):
        item = await q.get()
        log('got', item)
        total += item
        await asyncio.sleep(0.01)
        q.task_done()
    return total


async def main(log):
    q = asyncio.Queue(2)
    log('maxsize', q.maxsize, 'empty', q.empty())
    c = asyncio.create_task(consumer(log, q))
    await producer(log, q)
    await q.join()
    log('joined')
    return await c
