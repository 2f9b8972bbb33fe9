# A timeout <= 0: a done future gives its result; a coroutine is cancelled
# before it runs any of its body and wait_for raises TimeoutError at once.
import asyncio
from compare_lib import fmt


async def body(log, name):
    log(name, 'body runs')
    return name


async def main(log):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result('ready')
    log('done future ->', await asyncio.wait_for(done, 0))
    for timeout in (0, -1):
        try:
            await asyncio.wait_for(body(log, f'coro {timeout}'), timeout)
        except TimeoutError as e:
            log('timeout', str(timeout), 'raised', fmt(e))
    pending = loop.create_future()
    try:
        await asyncio.wait_for(pending, 0)
    except TimeoutError as e:
        log('pending future raised', fmt(e), 'cancelled', str(pending.cancelled()))
    return None
