# set_result()/set_exception() on a task raise (asyncio: RuntimeError; aio: an
# Error) and change nothing.
import asyncio
from compare_lib import Boom, ename


async def child():
    await asyncio.sleep(0.01)
    return 'real'


async def main(log):
    task = asyncio.create_task(child())
    try:
        task.set_result('fake')
    except Exception as e:  # noqa: BLE001
        log('set_result raised', ename(e))
    try:
        task.set_exception(Boom('fake'))
    except Exception as e:  # noqa: BLE001
        log('set_exception raised', ename(e))
    log('done', str(task.done()))
    return await task
