# When a timeout() block expires, the body is cancelled at its await and the
# block raises TimeoutError; expired() is then True and when() the deadline.
import asyncio
from compare_lib import fmt


async def main(log):
    cm = asyncio.timeout(0.01)
    try:
        async with cm as t:
            log('when', str(round(t.when() * 1000)), 'expired', str(t.expired()))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError as e:
                log('body cancelled', fmt(e))
                raise
    except TimeoutError as e:
        log('caught', fmt(e), 'expired', str(cm.expired()))
    async with asyncio.timeout(0.05) as t2:
        await asyncio.sleep(0.01)
    log('fast body: expired', str(t2.expired()))
    return None
