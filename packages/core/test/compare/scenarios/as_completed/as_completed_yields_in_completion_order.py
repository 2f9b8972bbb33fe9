# as_completed yields awaitables in the order the inputs complete.
import asyncio


async def child(log, name, delay):
    await asyncio.sleep(delay)
    log(name, 'ends')
    return name


async def main(log):
    aws = [child(log, 'slow', 0.03), child(log, 'fast', 0.01), child(log, 'mid', 0.02)]
    order = []
    for nxt in asyncio.as_completed(aws):
        r = await nxt
        log('next ->', r)
        order.append(r)
    return order
