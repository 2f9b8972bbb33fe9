# A callback added to a future that is already done is still scheduled with
# call_soon (never run synchronously), after the ones already queued.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result('x')
    loop.call_soon(log, 'queued before add')
    fut.add_done_callback(lambda f: log('cb1', f.result()))
    log('added cb1')
    fut.add_done_callback(lambda f: log('cb2', f.result()))
    loop.call_soon(log, 'queued after add')
    log('added cb2')
    await asyncio.sleep(0)
    log('main resumed')
    return 'ok'
