# Done callbacks are scheduled with call_soon in registration order when the
# future completes; none runs synchronously inside set_result().
import asyncio
from compare_lib import ticker


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for name in ('a', 'b', 'c'):
        fut.add_done_callback(lambda f, name=name: log('cb', name, str(f.result())))
    ticker(log, 3)
    fut.set_result(7)
    log('set_result returned')
    await asyncio.sleep(0)
    log('main after sleep 0')
    await asyncio.sleep(0)
    log('main after second sleep 0')
    return fut.result()
