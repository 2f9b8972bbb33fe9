# Nested timeouts, the outer one shorter: the inner block sees a plain
# CancelledError (not its own timeout) and lets it through; the outer turns it
# into TimeoutError.
import asyncio
from compare_lib import fmt


async def main(log):
    try:
        async with asyncio.timeout(0.01) as outer:
            try:
                async with asyncio.timeout(0.05) as inner:
                    await asyncio.sleep(1)
            except asyncio.CancelledError as e:
                log('inner block raised', fmt(e), 'inner expired', str(inner.expired()))
                raise
            except TimeoutError:
                log('inner block raised TimeoutError')
    except TimeoutError as e:
        log('outer caught', fmt(e), 'outer expired', str(outer.expired()))
    return None
