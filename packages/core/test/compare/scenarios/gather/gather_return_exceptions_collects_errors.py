# With return_exceptions=True the errors (and CancelledErrors of cancelled
# children) take their place in the result list.
import asyncio
from compare_lib import Boom, fmt


async def ok(delay, v):
    await asyncio.sleep(delay)
    return v


async def bad(delay, msg):
    await asyncio.sleep(delay)
    raise Boom(msg)


async def main(log):
    victim = asyncio.create_task(ok(0.05, 'never'))
    asyncio.get_running_loop().call_later(0.01, victim.cancel, 'victim cancelled')
    r = await asyncio.gather(ok(0.02, 1), bad(0.005, 'e1'), victim, bad(0.03, 'e2'),
                             return_exceptions=True)
    log('results', fmt(r))
    return len(r)
