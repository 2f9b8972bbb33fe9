# Awaiting an already-done future returns at once: the task does not give up
# control, so another task cannot run in between.
import asyncio


async def other(log):
    for i in range(3):
        log('other', str(i))
        await asyncio.sleep(0)


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result(1)
    task = asyncio.create_task(other(log))
    await asyncio.sleep(0)
    log('main start')
    total = 0
    for _ in range(3):
        total += await fut
        log('main awaited done future', str(total))
    await task
    done_task = task
    r = await done_task
    log('awaited done task', str(r))
    return total
