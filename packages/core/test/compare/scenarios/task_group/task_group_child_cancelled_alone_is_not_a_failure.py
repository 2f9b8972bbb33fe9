# A group task cancelled on its own is not a failure: the others go on and the
# block ends normally.
import asyncio


async def child(log, name, delay):
    await asyncio.sleep(delay)
    log(name, 'ends')
    return name


async def main(log):
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child(log, 'a', 0.03))
        b = tg.create_task(child(log, 'b', 0.02))
        await asyncio.sleep(0.01)
        a.cancel()
    log('a cancelled', str(a.cancelled()), 'b', b.result())
    return None
