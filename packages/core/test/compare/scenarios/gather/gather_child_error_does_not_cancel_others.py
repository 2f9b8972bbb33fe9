# The first child error is raised by gather at once; the other children are not
# cancelled and run to their end.
import asyncio
from compare_lib import Boom, fmt


async def child(log, name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            log(name, 'raises')
            raise Boom(name)
        log(name, 'finishes')
        return name
    except asyncio.CancelledError:
        log(name, 'was cancelled')
        raise


async def main(log):
    t_slow = asyncio.create_task(child(log, 'slow', 0.03))
    g = asyncio.gather(child(log, 'fails', 0.01, fail=True), t_slow, child(log, 'b', 0.02))
    try:
        await g
    except Boom as e:
        log('gather raised', fmt(e))
    log('slow done', str(t_slow.done()))
    await asyncio.sleep(0.05)
    log('slow result', t_slow.result(), 'gather done', str(g.done()))
    return None
