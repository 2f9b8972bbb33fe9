# call_soon callbacks run in FIFO order, with their arguments, after the
# current step has finished.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    for i in range(4):
        loop.call_soon(log, 'soon', str(i))
    log('scheduled')
    await asyncio.sleep(0)
    log('main resumed')
    return None
