# A task created just before main returns still takes its first step: it was
# queued before the callback that stops the loop when main is done. run() then
# cancels it at its first await and its finally runs.
import asyncio


async def late(log):
    log('late body runs')
    try:
        await asyncio.sleep(1)
    finally:
        log('late finally')


async def main(log):
    asyncio.create_task(late(log))
    log('main returns')
    return 1
