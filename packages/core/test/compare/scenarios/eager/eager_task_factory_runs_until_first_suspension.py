# With eager_task_factory, create_task runs the coroutine synchronously up to
# its first suspension; a coroutine that never suspends is done at once.
import asyncio

MIN_PYTHON = (3, 12)


async def quick(log):
    log('quick runs')
    return 'quick'


async def slow(log):
    log('slow starts')
    await asyncio.sleep(0.01)
    log('slow resumes')
    return 'slow'


async def main(log):
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    log('factory set', str(loop.get_task_factory() is asyncio.eager_task_factory))
    t1 = asyncio.create_task(quick(log))
    log('after create quick, done', str(t1.done()))
    t2 = asyncio.create_task(slow(log))
    log('after create slow, done', str(t2.done()))
    r = [await t1, await t2]
    loop.set_task_factory(None)
    t3 = asyncio.create_task(quick(log))
    log('default factory again, done', str(t3.done()))
    r.append(await t3)
    return r
