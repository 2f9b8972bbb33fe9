# The same coroutine object or task passed twice to gather is run once; its
# result appears twice.
import asyncio


async def child(log):
    log('child runs')
    await asyncio.sleep(0.01)
    return 'x'


async def main(log):
    t = asyncio.create_task(child(log))
    r = await asyncio.gather(t, t)
    log('tasks ->', str(r))
    c = child(log)
    r2 = await asyncio.gather(c, c)
    log('coros ->', str(r2))
    return r + r2
