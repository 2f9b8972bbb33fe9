# Event.set() wakes every waiter, in the order they started waiting; clear()
# right after does not take the wake-up back; a later wait blocks again.
import asyncio


async def waiter(log, ev, name):
    log(name, 'waits')
    r = await ev.wait()
    log(name, 'woke with', r)


async def main(log):
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(log, ev, n)) for n in 'abc']
    await asyncio.sleep(0.01)
    log('setting; is_set', ev.is_set())
    ev.set()
    ev.clear()
    log('cleared; is_set', ev.is_set())
    await asyncio.gather(*tasks)
    late = asyncio.create_task(waiter(log, ev, 'late'))
    await asyncio.sleep(0.02)
    log('late done', late.done())
    ev.set()
    await late
    r = await ev.wait()
    log('wait on a set event returns', r)
