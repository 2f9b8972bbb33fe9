# wait_for() around Event.wait(): the first wait times out (and leaves no waiter
# behind), the second is woken by set() before its deadline.
import asyncio
from compare_lib import ename


async def main(log):
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.05)
    except BaseException as e:
        log('first wait:', ename(e))
    loop = asyncio.get_running_loop()
    loop.call_later(0.03, ev.set)
    r = await asyncio.wait_for(ev.wait(), 0.05)
    log('second wait:', r)
    return ev.is_set()
