"""W2 (CPython): N tasks that each yield once (sleep(0)) and return their index."""

import asyncio

from common import check, options, time_runs, triangle


async def child(i):
    await asyncio.sleep(0)
    return i


async def gather_main(n):
    tasks = [asyncio.create_task(child(i)) for i in range(n)]
    return sum(await asyncio.gather(*tasks))


async def taskgroup_main(n):
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(child(i)) for i in range(n)]
    return sum(t.result() for t in tasks)


IMPLS = {
    'gather': lambda n: asyncio.run(gather_main(n)),
    'taskgroup': lambda n: asyncio.run(taskgroup_main(n)),
}

if __name__ == '__main__':
    opts = options()
    time_runs(opts, IMPLS[opts['impl']], lambda r: check('sum', r, triangle(opts['n'])))
