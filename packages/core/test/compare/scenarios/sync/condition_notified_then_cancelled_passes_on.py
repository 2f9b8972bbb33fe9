# cpython#112202: a waiter that was notified and then cancelled before it ran
# must pass the notification on, or the next waiter would sleep forever.
import asyncio
from compare_lib import ename

# Fixed in CPython 3.13; 3.11 and 3.12 lose the notification and deadlock.
MIN_PYTHON = (3, 13)


async def waiter(log, cond, name):
    async with cond:
        try:
            await cond.wait()
            log(name, 'woke')
        except BaseException as e:
            log(name, ename(e))
            raise


async def main(log):
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(log, cond, n)) for n in 'abc']
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        tasks[0].cancel()
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    log('done', [t.done() for t in tasks])
    tasks[2].cancel()
    res = await asyncio.gather(*tasks, return_exceptions=True)
    log('results', [ename(r) if r is not None else 'ok' for r in res])
