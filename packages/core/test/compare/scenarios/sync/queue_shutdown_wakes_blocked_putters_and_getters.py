# shutdown() (3.13) wakes every task blocked in put() on a full queue and in
# get() on an empty one: each raises QueueShutDown.
import asyncio
from compare_lib import ename

MIN_PYTHON = (3, 13)


async def op(log, name, aw):
    try:
        r = await aw
        log(name, 'returned', r)
    except asyncio.QueueShutDown as e:
        log(name, ename(e))


async def main(log):
    full = asyncio.Queue(1)
    full.put_nowait('x')
    empty = asyncio.Queue()
    tasks = [
        asyncio.create_task(op(log, 'put-1', full.put('y'))),
        asyncio.create_task(op(log, 'get-1', empty.get())),
        asyncio.create_task(op(log, 'put-2', full.put('z'))),
        asyncio.create_task(op(log, 'get-2', empty.get())),
    ]
    await asyncio.sleep(0.01)
    full.shutdown()
    log('full queue shut down')
    await asyncio.sleep(0)
    empty.shutdown()
    log('empty queue shut down')
    await asyncio.gather(*tasks)
    log('full still holds', full.get_nowait())
