# wait_for() around Queue.get(): a get that times out leaves no getter behind and
# takes nothing; the next get is served as soon as an item arrives.
import asyncio
from compare_lib import ename


async def main(log):
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), 0.02)
    except BaseException as e:
        log('first get:', ename(e))
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, q.put_nowait, 'late item')
    item = await asyncio.wait_for(q.get(), 0.05)
    log('second get:', item)
    q.put_nowait('kept')
    t = asyncio.create_task(q.get())
    r = await t
    log('get as a task:', r, 'size', q.qsize())
    return q.empty()
