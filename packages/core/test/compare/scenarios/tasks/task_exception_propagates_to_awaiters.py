# A task's exception is raised in every awaiter and returned by exception().
import asyncio
from compare_lib import Boom, fmt


async def child(log):
    await asyncio.sleep(0.01)
    log('child raises')
    raise Boom('child failed')


async def other(log, task):
    try:
        await task
    except Boom as e:
        log('other caught', fmt(e))


async def main(log):
    task = asyncio.create_task(child(log))
    o = asyncio.create_task(other(log, task))
    try:
        await task
    except Boom as e:
        log('main caught', fmt(e))
    await o
    log('exception()', fmt(task.exception()), 'cancelled', str(task.cancelled()))
    return None
