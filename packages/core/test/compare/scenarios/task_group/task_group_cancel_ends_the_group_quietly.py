# TaskGroup.cancel() (CPython 3.15, gh-108951): cancels the group's unfinished
# tasks and the body, and the block ends WITHOUT raising CancelledError. The
# body goes on until its next await. Checked against the documented behaviour
# (task_group_cancel_ends_the_group_quietly.expected) until a 3.15 is at hand.
import asyncio
from compare_lib import fmt

MIN_PYTHON = (3, 15)


async def child(log, name):
    try:
        await asyncio.sleep(1)
        log(name, 'ends')
    except asyncio.CancelledError as e:
        log(name, 'cancelled', fmt(e))
        raise


async def main(log):
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(log, 'a'))
        await asyncio.sleep(0.01)
        tg.cancel()
        log('body runs on after cancel()')
        await asyncio.sleep(1)
        log('never here')
    log('block ended without error')
    return 'ok'
