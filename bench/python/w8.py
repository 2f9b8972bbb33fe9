"""W8 (CPython): cancel N pending tasks and wait for them (that phase is timed)."""

import asyncio
import time

from common import Partial, check, options, time_runs

started = 0
cleaned = 0


async def blocked(fut):
    global started, cleaned
    started += 1
    try:
        await fut
    finally:
        cleaned += 1


async def main(n):
    fut = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(blocked(fut)) for _ in range(n)]
    await asyncio.sleep(0)
    check('tasks started before cancelling', started, n)
    t0 = time.perf_counter()
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks)
    elapsed = (time.perf_counter() - t0) * 1000
    return Partial((elapsed, sum(1 for t in tasks if t.cancelled())))


if __name__ == '__main__':
    opts = options()

    def verify(cancelled):
        global started, cleaned
        check('tasks ended cancelled', cancelled, opts['n'])
        check('cleanups run', cleaned, opts['n'])
        started = 0
        cleaned = 0

    time_runs(opts, lambda n: asyncio.run(main(n)), verify)
