# wait(FIRST_EXCEPTION) returns at the first error; with no error it waits for
# all, like ALL_COMPLETED.
import asyncio
from compare_lib import Boom, names


async def child(log, name, delay, fail=False):
    await asyncio.sleep(delay)
    log(name, 'ends')
    if fail:
        raise Boom(name)
    return name


async def main(log):
    a = asyncio.create_task(child(log, 'a', 0.01))
    b = asyncio.create_task(child(log, 'b', 0.02, fail=True))
    c = asyncio.create_task(child(log, 'c', 0.03))
    name_of = {a: 'a', b: 'b', c: 'c'}
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    d = asyncio.create_task(child(log, 'd', 0.01))
    e = asyncio.create_task(child(log, 'e', 0.02))
    name_of.update({d: 'd', e: 'e'})
    done, pending = await asyncio.wait([c, d, e], return_when=asyncio.FIRST_EXCEPTION)
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    return None
