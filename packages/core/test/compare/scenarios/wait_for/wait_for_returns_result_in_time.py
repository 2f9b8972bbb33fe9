# wait_for returns the result when the awaitable finishes before the timeout;
# a None timeout waits as long as it takes.
import asyncio


async def work(log, delay, v):
    await asyncio.sleep(delay)
    log('work', str(v), 'done')
    return v


async def main(log):
    a = await asyncio.wait_for(work(log, 0.01, 1), 0.02)
    log('got', str(a))
    b = await asyncio.wait_for(work(log, 1, 2), None)
    log('got', str(b))
    t = asyncio.create_task(work(log, 0.01, 3))
    c = await asyncio.wait_for(t, 1)
    log('got', str(c))
    return [a, b, c]
