"""W1 (CPython): loop.call_soon(cb, i) x N, then run the loop until a final stop()."""

import asyncio

from common import check, options, time_runs, triangle

total = 0


def add(i):
    global total
    total += i


def call_soon(n):
    global total
    total = 0
    loop = asyncio.new_event_loop()
    for i in range(n):
        loop.call_soon(add, i)
    loop.call_soon(loop.stop)
    loop.run_forever()
    loop.close()
    return total


IMPLS = {'call-soon': call_soon}

if __name__ == '__main__':
    opts = options()
    time_runs(opts, IMPLS[opts['impl']], lambda r: check('sum', r, triangle(opts['n'])))
