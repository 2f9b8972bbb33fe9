# as_completed with a timeout: after it expires the next await raises
# TimeoutError; the unfinished inputs are not cancelled.
import asyncio
from compare_lib import fmt


async def child(log, name, delay):
    await asyncio.sleep(delay)
    log(name, 'ends')
    return name


async def main(log):
    slow = asyncio.create_task(child(log, 'slow', 0.05))
    aws = [slow, child(log, 'fast', 0.01)]
    got = []
    try:
        for nxt in asyncio.as_completed(aws, timeout=0.02):
            got.append(await nxt)
            log('got', got[-1])
    except TimeoutError as e:
        log('as_completed raised', fmt(e), 'slow cancelled', str(slow.cancelled()))
    log('slow result', await slow)
    return got
