# gather returns results in argument order, whatever order the children finish
# in; coroutines are wrapped in tasks that start in argument order.
import asyncio


async def child(log, name, delay):
    log(name, 'starts')
    await asyncio.sleep(delay)
    log(name, 'ends')
    return name


async def main(log):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result('already')
    r = await asyncio.gather(
        child(log, 'slow', 0.03), child(log, 'fast', 0.01), done, child(log, 'mid', 0.02))
    log('gather ->', str(r))
    empty = await asyncio.gather()
    log('empty gather ->', str(empty))
    return r
