# set() returns a token; reset(token) restores the previous value; Context.run
# runs a function inside a context without touching the caller's.
import asyncio
import contextvars

var = contextvars.ContextVar('var')


async def main(log):
    log('get with default', var.get('fallback'))
    try:
        var.get()
    except LookupError:
        log('get without value raises LookupError')
    tok = var.set('a')
    tok2 = var.set('b')
    log('now', var.get())
    var.reset(tok2)
    log('after reset', var.get())
    var.reset(tok)
    log('after second reset', var.get('unset'))
    ctx = contextvars.copy_context()

    def inside(x):
        var.set(x)
        return var.get() + '!'

    log('run returned', ctx.run(inside, 'inner'), 'outer sees', var.get('unset'))
    log('context keeps', ctx.run(var.get))
    return None
