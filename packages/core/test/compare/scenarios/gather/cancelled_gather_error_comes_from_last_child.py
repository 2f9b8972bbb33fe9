# The CPython 3.11-3.13 quirk kept by aio: when a gather with
# return_exceptions=True is cancelled, it waits for every child and then raises
# a CancelledError built from the LAST child in argument order (the `for fut in
# children` loop in tasks.py rebinds `fut`). Here the last child swallows its
# cancellation and returns, so the error carries no message although the first
# child was cancelled with 'halt'; in the second gather the order is swapped.
import asyncio
from compare_lib import fmt


async def obedient(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        log('obedient cancelled with', fmt(e))
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
    g = asyncio.gather(obedient(log), stubborn(log), return_exceptions=True)
    await asyncio.sleep(0.01)
    g.cancel('halt')
    try:
        await g
    except asyncio.CancelledError as e:
        log('gather raised', fmt(e))
    g2 = asyncio.gather(stubborn(log), obedient(log), return_exceptions=True)
    await asyncio.sleep(0.01)
    g2.cancel('halt again')
    try:
        await g2
    except asyncio.CancelledError as e:
        log('second gather raised', fmt(e))
    return None
