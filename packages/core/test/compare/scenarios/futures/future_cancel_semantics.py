# Future.cancel(): True the first time, False once done; the message reaches
# result(), exception() and an awaiting task.
import asyncio
from compare_lib import fmt, ename


async def main(log):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log('callback cancelled', str(f.cancelled())))
    log('cancel 1', str(fut.cancel('why')))
    log('cancel 2', str(fut.cancel('again')))
    log('done', str(fut.done()), 'cancelled', str(fut.cancelled()))
    try:
        fut.result()
    except asyncio.CancelledError as e:
        log('result raised', fmt(e))
    try:
        fut.exception()
    except asyncio.CancelledError as e:
        log('exception raised', fmt(e))
    try:
        await fut
    except asyncio.CancelledError as e:
        log('await raised', fmt(e))
    done = loop.create_future()
    done.set_result(3)
    log('cancel done', str(done.cancel()))
    try:
        done.set_result(4)
    except asyncio.InvalidStateError as e:
        log('set_result on done raised', ename(e))
    return done.result()
