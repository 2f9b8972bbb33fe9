# notify(n) wakes the n longest-waiting tasks; each returns from wait() only
# once it re-acquires the lock; notify_all() wakes the rest.
import asyncio


async def waiter(log, cond, name):
    async with cond:
        log(name, 'waits')
        r = await cond.wait()
        log(name, 'woke with', r, 'locked', cond.locked())


async def main(log):
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(log, cond, n)) for n in 'abcde']
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        log('notified 2, still holding the lock')
        await asyncio.sleep(0.01)
        log('releasing')
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify()
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        log('notified all')
    await asyncio.gather(*tasks)
