# An input's error is raised by the await of the item that delivers it; the
# iteration can go on afterwards.
import asyncio
from compare_lib import Boom, fmt


async def child(log, name, delay, fail=False):
    await asyncio.sleep(delay)
    log(name, 'ends')
    if fail:
        raise Boom(name)
    return name


async def main(log):
    aws = [child(log, 'ok', 0.02), child(log, 'bad', 0.01, fail=True)]
    out = []
    for nxt in asyncio.as_completed(aws):
        try:
            out.append(await nxt)
        except Boom as e:
            log('caught', fmt(e))
            out.append('error')
    return out
