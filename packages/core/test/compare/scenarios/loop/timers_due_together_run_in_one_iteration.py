# Timers that are due when an iteration begins run in that iteration, in
# deadline order, after the callbacks that were already ready; what they
# schedule with call_soon runs in the next iteration.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()

    def timer(name):
        log('timer', name)
        loop.call_soon(log, 'soon from', name)

    await asyncio.sleep(0.01)
    now = loop.time()
    # Both deadlines are already in the past.
    loop.call_at(now - 0.002, timer, 'b (deadline 8)')
    loop.call_at(now - 0.004, timer, 'a (deadline 6)')
    loop.call_soon(log, 'ready callback')
    await asyncio.sleep(0)
    log('main after sleep 0')
    await asyncio.sleep(0)
    log('main after second sleep 0')
    return None
