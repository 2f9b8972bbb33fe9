# When main returns, run() cancels every task still pending and waits for them:
# their except/finally blocks run (even ones that await), then the loop closes.
# (CPython cancels them in set order, which is undefined, so each logs only
# after a distinct delay.)
import asyncio


async def background(log, name, cleanup):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(cleanup)
        log(name, 'cancelled, cleanup done')
        raise
    finally:
        await asyncio.sleep(cleanup)
        log(name, 'finally')


async def main(log):
    asyncio.create_task(background(log, 'a', 0.002))
    asyncio.create_task(background(log, 'b', 0.001))
    await asyncio.sleep(0.01)
    log('main returns')
    return 'main result'
