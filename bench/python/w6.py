"""W6 (CPython): 1 producer / 1 consumer through asyncio.Queue(100), N items."""

import asyncio

from common import check, options, time_runs, triangle


async def main(n):
    q = asyncio.Queue(100)

    async def producer():
        for i in range(n):
            await q.put(i)

    t = asyncio.create_task(producer())
    s = 0
    for _ in range(n):
        s += await q.get()
    await t
    return s


IMPLS = {'queue': lambda n: asyncio.run(main(n))}

if __name__ == '__main__':
    opts = options()
    time_runs(opts, IMPLS[opts['impl']], lambda r: check('sum', r, triangle(opts['n'])))
