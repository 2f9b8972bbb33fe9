# result()/exception() on a pending future raise InvalidStateError; a future
# holding an exception re-raises it from result() and returns it from exception().
import asyncio
from compare_lib import Boom, fmt, ename


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for what in ('result', 'exception'):
        try:
            getattr(fut, what)()
        except asyncio.InvalidStateError as e:
            log(what, 'on pending raised', ename(e))
    fut.set_exception(Boom('bad'))
    log('exception()', fmt(fut.exception()))
    try:
        fut.result()
    except Boom as e:
        log('result() raised', fmt(e))
    try:
        fut.set_exception(Boom('twice'))
    except asyncio.InvalidStateError as e:
        log('set_exception twice raised', ename(e))
    ok = loop.create_future()
    ok.set_result(None)
    log('exception() of result', fmt(ok.exception()))
    return await fut
