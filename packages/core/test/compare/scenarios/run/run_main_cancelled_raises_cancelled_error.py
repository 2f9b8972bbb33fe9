# A main task that ends cancelled makes run() raise CancelledError.
import asyncio


async def main(log):
    loop = asyncio.get_running_loop()
    loop.call_later(0.01, asyncio.current_task().cancel, 'main cancelled')
    try:
        await asyncio.sleep(1)
    finally:
        log('main finally')
