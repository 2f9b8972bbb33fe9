# Nested timeouts, the inner one shorter: the inner block raises TimeoutError,
# the outer one is not involved and its body goes on.
import asyncio
from compare_lib import fmt


async def main(log):
    async with asyncio.timeout(0.05) as outer:
        try:
            async with asyncio.timeout(0.01) as inner:
                await asyncio.sleep(1)
        except TimeoutError as e:
            log('inner caught', fmt(e), 'inner expired', str(inner.expired()))
        await asyncio.sleep(0.01)
        log('outer body goes on, outer expired', str(outer.expired()))
    return asyncio.current_task().cancelling()
