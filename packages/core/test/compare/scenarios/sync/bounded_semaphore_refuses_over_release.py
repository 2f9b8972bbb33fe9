# BoundedSemaphore refuses a release() that would raise its value above the
# initial one (ValueError in asyncio, RangeError in aio); Semaphore does not.
import asyncio


async def main(log):
    bsem = asyncio.BoundedSemaphore(2)
    try:
        bsem.release()
    except ValueError:
        log('bounded: over-release refused')
    async with bsem:
        async with bsem:
            log('bounded: both permits taken; locked', bsem.locked())
    try:
        bsem.release()
    except ValueError:
        log('bounded: over-release refused again')
    sem = asyncio.Semaphore(2)
    sem.release()
    log('plain semaphore: released beyond its initial value; locked', sem.locked())
    for _ in range(3):
        await sem.acquire()
    log('plain semaphore took 3 permits; locked', sem.locked())
