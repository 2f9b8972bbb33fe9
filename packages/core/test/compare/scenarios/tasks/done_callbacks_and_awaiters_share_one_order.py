# A task's done callbacks and the wake-ups of tasks awaiting it are one list,
# run in the order they were added.
import asyncio


async def child():
    await asyncio.sleep(0.01)
    return 'r'


async def awaiter(log, task, name):
    r = await task
    log(name, 'woke with', r)


async def main(log):
    task = asyncio.create_task(child())
    task.add_done_callback(lambda t: log('callback 1'))
    a1 = asyncio.create_task(awaiter(log, task, 'awaiter 1'))
    await asyncio.sleep(0)
    task.add_done_callback(lambda t: log('callback 2'))
    a2 = asyncio.create_task(awaiter(log, task, 'awaiter 2'))
    await asyncio.sleep(0)
    task.add_done_callback(lambda t: log('callback 3'))
    await a1
    await a2
    log('main done')
    return None
