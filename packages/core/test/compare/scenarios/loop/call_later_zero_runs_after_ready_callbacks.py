# call_later(0, ...) and call_at(now, ...) are timers: they run in the next
# iteration, after the callbacks that are ready then (even ones scheduled after
# them with call_soon).
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()

    def cb():
        loop.call_later(0, log, 'later 0')
        loop.call_at(loop.time(), log, 'at now')
        loop.call_soon(log, 'soon')

    loop.call_soon(cb)
    await asyncio.sleep(0)
    log('main 1')
    await asyncio.sleep(0)
    log('main 2')
    await asyncio.sleep(0)
    log('main 3')
    return None
