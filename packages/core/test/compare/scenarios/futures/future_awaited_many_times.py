# The same future can be awaited by several tasks and several times in a row;
# waiters wake in the order they started waiting.
import asyncio


async def waiter(log, fut, name):
    log(name, 'waits')
    v = await fut
    log(name, 'got', str(v))
    v2 = await fut
    log(name, 'again', str(v2))
    return v + v2


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t1 = asyncio.create_task(waiter(log, fut, 'w1'))
    t2 = asyncio.create_task(waiter(log, fut, 'w2'))
    loop.call_later(0.01, fut.set_result, 5)
    v = await fut
    log('main got', str(v))
    r = [await t1, await t2, await fut]
    log('main results', str(r))
    return r
