# Several consumers blocked in get(): items go to them in the order they started
# waiting; put_nowait wakes one getter per item.
import asyncio


async def consumer(log, q, name):
    item = await q.get()
    log(name, 'got', item)
    return item


async def main(log):
    q = asyncio.Queue()
    tasks = [asyncio.create_task(consumer(log, q, n)) for n in 'abcd']
    await asyncio.sleep(0)
    for item in ['w', 'x']:
        q.put_nowait(item)
    log('put two; size', q.qsize())
    await asyncio.sleep(0)
    log('size', q.qsize())
    await q.put('y')
    await q.put('z')
    return await asyncio.gather(*tasks)
