# The group's block ends only when every task it created is done, including
# tasks created by other tasks of the group after the body finished.
import asyncio


async def child(log, tg, name, delay, spawn=None):
    await asyncio.sleep(delay)
    log(name, 'ends')
    if spawn:
        tg.create_task(child(log, tg, spawn, 0.01))
    return name


async def main(log):
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(child(log, tg, 'a', 0.02))
        t2 = tg.create_task(child(log, tg, 'b', 0.01, spawn='b-child'))
        log('body ends')
    log('group done', t1.result(), t2.result())
    return 'ok'
