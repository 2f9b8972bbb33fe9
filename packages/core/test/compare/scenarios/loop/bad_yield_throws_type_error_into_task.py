# Yielding something that is not a future from a task throws an error into the
# coroutine at that point (asyncio: RuntimeError 'Task got bad yield'; aio: a
# TypeError, mapped here). It is thrown in with call_soon, so it arrives in the
# next iteration.
import asyncio
from compare_lib import ticker


class BadAwaitable:
    def __init__(self, what):
        self.what = what

    def __await__(self):
        yield self.what


def aio_name(e):
    # asyncio raises RuntimeError for a bad yield; aio raises TypeError.
    return 'TypeError' if type(e) is RuntimeError else type(e).__name__


async def main(log):
    loop = asyncio.get_running_loop()
    ticker(log, 4)
    try:
        await BadAwaitable(42)
    except Exception as e:  # noqa: BLE001
        log('caught', aio_name(e))
    fut = loop.create_future()
    try:
        # aio: `yield fut` instead of `yield* fut`
        await BadAwaitable(fut)
    except Exception as e:  # noqa: BLE001
        log('caught yield-instead-of-yield*', aio_name(e))
    log('future still pending', str(not fut.done()))
    await asyncio.sleep(0)
    return 'recovered'
