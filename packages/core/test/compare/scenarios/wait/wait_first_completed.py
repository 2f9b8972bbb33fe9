# wait(FIRST_COMPLETED) returns as soon as one is done (all the ones done in the
# same iteration count); the others keep running.
import asyncio
from compare_lib import names


async def child(log, name, delay):
    await asyncio.sleep(delay)
    log(name, 'ends')
    return name


async def main(log):
    a = asyncio.create_task(child(log, 'a', 0.02))
    b = asyncio.create_task(child(log, 'b', 0.01))
    c = asyncio.create_task(child(log, 'c', 0.01))
    d = asyncio.create_task(child(log, 'd', 0.03))
    name_of = {a: 'a', b: 'b', c: 'c', d: 'd'}
    done, pending = await asyncio.wait([a, b, c, d], return_when=asyncio.FIRST_COMPLETED)
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    await d
    return None
