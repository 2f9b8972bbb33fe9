# run()'s shutdown cancels a leftover task that owns a TaskGroup together with the
# group's child; the owner's group then aborts and cancels the child a second time
# in the same iteration. The child's coroutine gets one CancelledError, not two:
# the second cancel() finds the child's waiter already cancelled and only sets
# _must_cancel, which the child's next step consumes together with the first. So
# the await in the child's finally completes (its cancelling() count is 2).
# The owner starts eagerly (eager_task_factory): its first step, which creates the
# child (eagerly too), runs inside create_task; it is still created first, so
# run() cancels it first.
import asyncio
from compare_lib import fmt

# eager_task_factory is new in 3.12.
MIN_PYTHON = (3, 12)


async def child(log):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log('child cancelled', fmt(e))
        raise
    finally:
        await asyncio.sleep(0)
        log('child finally: sleep(0) completed, cancelling', asyncio.current_task().cancelling())


async def owner(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(log))
            await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log('owner cancelled', fmt(e))
        raise


async def main(log):
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    asyncio.create_task(owner(log))
    await asyncio.sleep(0.001)
    log('main returns')
    return 'main result'
