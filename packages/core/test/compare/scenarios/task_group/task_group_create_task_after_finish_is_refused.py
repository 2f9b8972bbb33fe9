# create_task on a group whose block has finished raises (asyncio:
# RuntimeError; aio: Error) and the coroutine is never run.
import asyncio
from compare_lib import ename


async def child(log):
    log('child runs')


async def main(log):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(log))
    coro = child(log)
    try:
        tg.create_task(coro)
    except Exception as e:  # noqa: BLE001
        log('create_task raised', ename(e))
    coro.close()
    await asyncio.sleep(0)
    return None
