# A cancelled Handle or TimerHandle never runs; cancelled() reports it.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    h1 = loop.call_soon(log, 'soon 1')
    h2 = loop.call_soon(log, 'soon 2')
    t1 = loop.call_later(0.01, log, 'timer 10')
    t2 = loop.call_later(0.02, log, 'timer 20')
    h1.cancel()
    log('h1', str(h1.cancelled()), 'h2', str(h2.cancelled()))
    await asyncio.sleep(0.005)
    t1.cancel()
    t1.cancel()
    log('t1', str(t1.cancelled()), 't2', str(t2.cancelled()))
    await asyncio.sleep(0.03)
    return None
