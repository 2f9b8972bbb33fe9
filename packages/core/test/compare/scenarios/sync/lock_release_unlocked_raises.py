# Releasing a lock that is not held raises (RuntimeError in asyncio, Error in aio).
import asyncio
from compare_lib import ename


async def main(log):
    lock = asyncio.Lock()
    try:
        lock.release()
    except Exception as e:
        log('release of a free lock:', ename(e))
    async with lock:
        log('inside, locked', lock.locked())
    try:
        lock.release()
    except Exception as e:
        log('second release:', ename(e))
    return lock.locked()
