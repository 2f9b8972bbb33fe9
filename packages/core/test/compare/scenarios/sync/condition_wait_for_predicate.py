# Consumers use wait_for(predicate) around shared state; a producer appends
# items and notifies one consumer per item.
import asyncio


async def consumer(log, cond, items, name):
    async with cond:
        item = await cond.wait_for(lambda: items.pop(0) if items else None)
        log(name, 'took', item)
        return item


async def producer(log, cond, items):
    for i in range(1, 4):
        await asyncio.sleep(0.01)
        async with cond:
            items.append(i * 10)
            log('produced', i * 10)
            cond.notify()


async def main(log):
    cond = asyncio.Condition()
    items = []
    consumers = [asyncio.create_task(consumer(log, cond, items, n)) for n in 'xyz']
    await producer(log, cond, items)
    return await asyncio.gather(*consumers)
