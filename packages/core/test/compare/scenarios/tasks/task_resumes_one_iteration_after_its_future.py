# A task waiting on a future resumes in the iteration after the future
# completes (its wake-up is a done callback scheduled with call_soon).
import asyncio
from compare_lib import ticker


async def waiter(log, fut):
    log('waiter waits')
    v = await fut
    log('waiter resumed with', str(v))
    return v


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.create_task(waiter(log, fut))
    await asyncio.sleep(0)
    ticker(log, 4)
    loop.call_soon(fut.set_result, 'v')
    log('main awaits task')
    r = await task
    log('main got', r)
    return r
