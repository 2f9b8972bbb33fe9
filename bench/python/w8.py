"""W8 (CPython): cancel N pending tasks, each blocked on its own never-set future, and
wait for them (that phase is timed)."""

import asyncio
import time

from common import Partial, check, options, time_runs

started = 0
cleaned = 0


async def blocked():
    global started, cleaned
    started += 1
    try:
        await asyncio.get_running_loop().create_future()
    finally:
        cleaned += 1


async def main(n):
    tasks = [asyncio.create_task(blocked()) for _ in range(n)]
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
