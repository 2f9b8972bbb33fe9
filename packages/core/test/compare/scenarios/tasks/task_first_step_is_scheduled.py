# create_task schedules the first step with call_soon: the body starts in the
# next iteration, after callbacks queued before it.
import asyncio


async def child(log, name):
    log(name, 'starts')
    await asyncio.sleep(0)
    log(name, 'continues')
    return name


async def main(log):
    loop = asyncio.get_running_loop()
    loop.call_soon(log, 'callback queued first')
    t1 = asyncio.create_task(child(log, 'c1'))
    loop.call_soon(log, 'callback queued between')
    t2 = asyncio.create_task(child(log, 'c2'))
    log('created, done =', str(t1.done()), str(t2.done()))
    r = [await t1, await t2]
    return r
