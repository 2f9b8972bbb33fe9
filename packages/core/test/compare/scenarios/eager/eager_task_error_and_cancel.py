# An eager task that fails synchronously is done with its error at once; an
# eager task cancelled after its first suspension behaves like any task.
import asyncio
from compare_lib import Boom, fmt

MIN_PYTHON = (3, 12)


async def failing(log):
    log('failing runs')
    raise Boom('eager failure')


async def sleeper(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('sleeper cancelled', fmt(e))
        raise


async def main(log):
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    t = asyncio.create_task(failing(log))
    log('done', str(t.done()), 'exception', fmt(t.exception()))
    s = asyncio.create_task(sleeper(log))
    s.cancel('stop')
    try:
        await s
    except asyncio.CancelledError as e:
        log('main caught', fmt(e))
    return None
