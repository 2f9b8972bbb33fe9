# sleep(0) gives up control for exactly one iteration (aio: a bare `yield`
# does the same, and `yield* sleep(0)`); sleep(d, result) returns result.
import asyncio


async def worker(log, name, n):
    for i in range(n):
        log(name, str(i))
        await asyncio.sleep(0)
    return name


async def main(log):
    t1 = asyncio.create_task(worker(log, 'a', 3))
    t2 = asyncio.create_task(worker(log, 'b', 3))
    for i in range(3):
        log('main', str(i))
        await asyncio.sleep(0)
    r = await asyncio.sleep(0.01, 'slept')
    log('sleep result', r)
    return [await t1, await t2]
