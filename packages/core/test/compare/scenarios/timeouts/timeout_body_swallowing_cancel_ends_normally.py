# A body that catches the timeout's cancellation and ends normally: no
# TimeoutError, but expired() is True.
import asyncio


async def main(log):
    async with asyncio.timeout(0.01) as t:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log('body swallows the cancellation')
        await asyncio.sleep(0.01)
        log('body ends')
    log('after block, expired', str(t.expired()),
        'cancelling', str(asyncio.current_task().cancelling()))
    return 'normal'
