"""W3 (CPython): one task awaits N done futures / trivial coroutines in a loop."""

import asyncio

from common import check, options, time_runs, triangle


async def one(i):
    return i


async def future_main(n):
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(1)
    s = 0
    for _ in range(n):
        s += await fut
    return s


async def coro_main(n):
    s = 0
    for i in range(n):
        s += await one(i)
    return s


IMPLS = {
    'future': (lambda n: asyncio.run(future_main(n)), lambda n: n),
    'coro': (lambda n: asyncio.run(coro_main(n)), triangle),
}

if __name__ == '__main__':
    opts = options()
    fn, expected = IMPLS[opts['impl']]
    time_runs(opts, fn, lambda r: check('sum', r, expected(opts['n'])))
