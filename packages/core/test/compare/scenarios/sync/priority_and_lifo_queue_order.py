# PriorityQueue hands out the smallest entry first ((priority, data) tuples,
# ties broken by data, heap order as heapq's); LifoQueue the newest first.
import asyncio


async def main(log):
    pq = asyncio.PriorityQueue()
    for entry in [(3, 'c'), (1, 'b'), (2, 'x'), (1, 'a'), (5, 'e'), (2, 'y'), (0, 'z')]:
        await pq.put(entry)
    out = []
    while not pq.empty():
        out.append(list(await pq.get()))
    log('priority', out)
    nums = asyncio.PriorityQueue(3)
    consumer = asyncio.create_task(nums.get())
    await asyncio.sleep(0)
    for n in [7, 3, 5]:
        nums.put_nowait(n)
    log('blocked getter got', await consumer)
    log('then', nums.get_nowait(), nums.get_nowait())
    lq = asyncio.LifoQueue()
    for i in range(5):
        lq.put_nowait(i)
    log('lifo', [lq.get_nowait() for _ in range(5)])
