# A done callback that adds another callback to the same (done) future: the new
# one is scheduled with call_soon, so it runs after everything already queued.
import asyncio
from compare_lib import ticker


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def late(f):
        log('late')

    def first(f):
        log('first')
        f.add_done_callback(late)

    def second(f):
        log('second')

    fut.add_done_callback(first)
    fut.add_done_callback(second)
    ticker(log, 3)
    fut.set_result(None)
    await asyncio.sleep(0.01)
    return 'ok'
