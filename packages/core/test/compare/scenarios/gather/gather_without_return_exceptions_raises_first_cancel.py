# Without return_exceptions, a cancelled gather raises as soon as the first
# child ends cancelled, with that child's CancelledError (and its message);
# the gather future then holds that error, it is not itself cancelled().
import asyncio
from compare_lib import fmt


async def obedient(log, name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log(name, 'cancelled with', fmt(e))
        raise


async def stubborn(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('stubborn ignores', fmt(e))
    await asyncio.sleep(0.005)
    log('stubborn returns')
    return 'stubborn result'


async def main(log):
    g = asyncio.gather(stubborn(log), obedient(log, 'o1'), obedient(log, 'o2'))
    await asyncio.sleep(0.01)
    g.cancel('halt')
    try:
        await g
    except asyncio.CancelledError as e:
        log('gather raised', fmt(e), 'cancelled()', str(g.cancelled()))
    await asyncio.sleep(0.01)
    return None
