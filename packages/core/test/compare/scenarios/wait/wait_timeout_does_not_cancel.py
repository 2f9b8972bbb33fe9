# wait() with a timeout returns (done, pending) when it expires, without
# cancelling or raising; the pending tasks run on.
import asyncio
from compare_lib import names


async def child(log, name, delay):
    await asyncio.sleep(delay)
    log(name, 'ends')
    return name


async def main(log):
    a = asyncio.create_task(child(log, 'a', 0.01))
    b = asyncio.create_task(child(log, 'b', 0.05))
    name_of = {a: 'a', b: 'b'}
    done, pending = await asyncio.wait([a, b], timeout=0.02)
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    log('b cancelled', str(b.cancelled()))
    r = await b
    log('b result', r)
    done, pending = await asyncio.wait([a, b], timeout=0)
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    return r
