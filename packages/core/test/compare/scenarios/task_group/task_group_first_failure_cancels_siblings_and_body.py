# The first failing task cancels its siblings and the body (at its current
# await); the group waits for the siblings' cleanup, then raises an exception
# group holding the failure. (CPython cancels the siblings in set order, which
# is undefined, so only one sibling logs at once; the other logs after a
# distinct cleanup delay.)
import asyncio
from compare_lib import Boom, fmt


async def child(log, name, delay, fail=False, cleanup=0):
    try:
        await asyncio.sleep(delay)
        if fail:
            log(name, 'raises')
            raise Boom(name)
        log(name, 'ends')
    except asyncio.CancelledError as e:
        if cleanup:
            await asyncio.sleep(cleanup)
        log(name, 'cancelled', fmt(e))
        raise
    finally:
        log(name, 'finally')


async def main(log):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(log, 'a', 0.05))
            tg.create_task(child(log, 'bad', 0.01, fail=True))
            tg.create_task(child(log, 'c', 0.05, cleanup=0.002))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError as e:
                log('body cancelled', fmt(e))
                raise
    except* Boom as eg:
        log('caught', fmt(eg))
    return asyncio.current_task().cancelling()
