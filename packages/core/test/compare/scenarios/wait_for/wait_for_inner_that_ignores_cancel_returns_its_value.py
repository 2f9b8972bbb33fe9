# If the inner awaitable swallows the cancellation caused by the timeout and
# returns a value, wait_for returns that value (3.12+ semantics).
import asyncio


async def stubborn(log):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        log('stubborn swallows the cancellation')
    await asyncio.sleep(0.005)
    return 'late value'


async def main(log):
    r = await asyncio.wait_for(stubborn(log), 0.01)
    log('wait_for returned', r)
    return r
