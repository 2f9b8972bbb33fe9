# current_task() is the running task; all_tasks() holds the pending tasks.
import asyncio


async def child(log, name):
    log(name, 'is current', str(asyncio.current_task().get_name() == name))
    await asyncio.sleep(0.01)


async def main(log):
    me = asyncio.current_task()
    log('main is current', str(me is asyncio.current_task()))
    log('all tasks', str(len(asyncio.all_tasks())), 'main in it', str(me in asyncio.all_tasks()))
    t1 = asyncio.create_task(child(log, 'one'), name='one')
    t2 = asyncio.create_task(child(log, 'two'), name='two')
    log('all tasks', str(len(asyncio.all_tasks())))
    await t1
    log('after one', str(len(asyncio.all_tasks())), 'two pending', str(t2 in asyncio.all_tasks()))
    await t2
    log('after two', str(len(asyncio.all_tasks())))
    t2.set_name('renamed')
    return t2.get_name()
