"""W5 (CPython): bytes per pending task, by tracemalloc.

N tasks block on one never-set future; once all have started, the traced memory
growth since before they were created is divided by N. The task handles are kept
in a list, as on the JavaScript side.
"""

import asyncio
import gc
import tracemalloc

from common import check, emit, options, triangle

started = 0


async def blocked(fut, i):
    global started
    started += 1
    await fut
    return i


async def main(n):
    fut = asyncio.get_running_loop().create_future()
    gc.collect()
    h0 = tracemalloc.get_traced_memory()[0]
    tasks = [None] * n
    for i in range(n):
        tasks[i] = asyncio.create_task(blocked(fut, i))
    await asyncio.sleep(0)
    check('tasks started before measuring', started, n)
    gc.collect()
    per_task = (tracemalloc.get_traced_memory()[0] - h0) / n
    fut.set_result(0)
    return per_task, sum(await asyncio.gather(*tasks))


if __name__ == '__main__':
    opts = options()
    tracemalloc.start()
    samples = []
    for r in range(opts['warmup'] + opts['runs']):
        started = 0
        per_task, total = asyncio.run(main(opts['n']))
        check('sum', total, triangle(opts['n']))
        if r >= opts['warmup']:
            samples.append(per_task)
    emit({'impl': opts['impl'], 'n': opts['n'], 'unit': 'bytes', 'samples': samples})
