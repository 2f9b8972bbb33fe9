# Each task runs in a copy of the context current when it was created: it sees
# the creator's values, and its own set() is invisible outside.
import asyncio
import contextvars

var = contextvars.ContextVar('var', default='default')


async def child(log, name):
    log(name, 'sees', var.get())
    var.set(name)
    await asyncio.sleep(0.01)
    log(name, 'still sees', var.get())


async def main(log):
    log('main sees', var.get())
    t1 = asyncio.create_task(child(log, 'one'))
    var.set('main value')
    t2 = asyncio.create_task(child(log, 'two'))
    await t1
    await t2
    log('main sees', var.get())
    ctx = contextvars.copy_context()
    var.set('changed later')
    t3 = asyncio.create_task(child(log, 'three'), context=ctx)
    await t3
    log('after three, context holds', ctx[var], 'main sees', var.get())
    return var.get()
