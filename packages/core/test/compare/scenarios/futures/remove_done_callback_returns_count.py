# remove_done_callback removes every registration of the callback and returns
# how many were removed; other callbacks keep their order.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def a(f):
        log('a')

    def b(f):
        log('b')

    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    log('removed a', str(fut.remove_done_callback(a)))
    log('removed a again', str(fut.remove_done_callback(a)))
    fut.set_result(None)
    # Once done, the callbacks are already scheduled: nothing left to remove.
    log('removed b after done', str(fut.remove_done_callback(b)))
    await asyncio.sleep(0)
    return 'end'
