# When main returns, run() cancels the tasks still pending in the order they were
# created: t3, then t4 and t6, which t3 created. Each sees its CancelledError in
# that order, and their finally blocks (which await) run in that order too.
# The tasks start eagerly (eager_task_factory): t3's first step, which creates t4
# and t6 (whose first steps run at once too), runs inside create_task; t3 is still
# created first. (CPython iterates a set of tasks there, in address order; the
# harness makes it creation order, as aio defines it: deterministic.py.)
import asyncio
from compare_lib import fmt

# eager_task_factory is new in 3.12.
MIN_PYTHON = (3, 12)


async def worker(log, name, children):
    for child in children:
        asyncio.create_task(worker(log, child, []), name=child)
    log(name, 'started')
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log(name, 'cancelled', fmt(e))
        raise
    finally:
        await asyncio.sleep(0)
        log(name, 'finally')


async def main(log):
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    asyncio.create_task(worker(log, 't3', ['t4', 't6']), name='t3')
    await asyncio.sleep(0.001)
    log('main returns')
    return 'main result'
