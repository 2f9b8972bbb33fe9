# wait(ALL_COMPLETED) returns when every awaitable is done; errors stay inside
# the done futures, nothing is raised.
import asyncio
from compare_lib import Boom, fmt, names


async def child(log, name, delay, fail=False):
    await asyncio.sleep(delay)
    log(name, 'ends')
    if fail:
        raise Boom(name)
    return name


async def main(log):
    a = asyncio.create_task(child(log, 'a', 0.02))
    b = asyncio.create_task(child(log, 'b', 0.01, fail=True))
    c = asyncio.create_task(child(log, 'c', 0.03))
    name_of = {a: 'a', b: 'b', c: 'c'}
    done, pending = await asyncio.wait([a, b, c])
    log('done', str(names(done, name_of)), 'pending', str(names(pending, name_of)))
    log('b exception', fmt(b.exception()))
    return a.result()
