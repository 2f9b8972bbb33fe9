# A callback runs in the context current when it was scheduled (or the one
# passed with context=); done callbacks likewise.
import asyncio
import contextvars

var = contextvars.ContextVar('var', default='default')


async def main(log):
    loop = asyncio.get_running_loop()
    var.set('first')
    loop.call_soon(lambda: log('soon sees', var.get()))
    var.set('second')
    loop.call_later(0.01, lambda: log('later sees', var.get()))
    ctx = contextvars.copy_context()
    ctx.run(var.set, 'in ctx')
    loop.call_soon(lambda: log('soon with context sees', var.get()), context=ctx)
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log('done callback sees', var.get()))
    fut.add_done_callback(lambda f: log('done callback with context sees', var.get()),
                          context=ctx)
    var.set('third')
    fut.set_result(None)

    def setter():
        var.set('set by callback')
        log('callback set', var.get())

    loop.call_soon(setter)
    await asyncio.sleep(0.02)
    log('main sees', var.get())
    return None
