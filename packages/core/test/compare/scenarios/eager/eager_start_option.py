# A task created with eager_start=True starts synchronously; current_task()
# inside is that task; the caller continues once it suspends.
import asyncio

MIN_PYTHON = (3, 12)


async def child(log, name):
    log(name, 'starts, current is me', str(asyncio.current_task().get_name() == name))
    await asyncio.sleep(0)
    log(name, 'resumes')
    return name


async def main(log):
    loop = asyncio.get_running_loop()
    lazy = asyncio.create_task(child(log, 'lazy'), name='lazy')
    # asyncio 3.12/3.13 expose eager_start on the Task constructor
    # (create_task gets it in 3.14); aio: createTask(coro, { eagerStart: true }).
    eager = asyncio.Task(child(log, 'eager'), loop=loop, name='eager', eager_start=True)
    log('main continues, current is main', str(asyncio.current_task().get_name() != 'eager'))
    return [await lazy, await eager]
