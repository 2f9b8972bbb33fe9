"""What the Python scenarios share: value formatting, error classes, helpers.

Every function here has a twin of the same name in ``harness.ts``; the two must
format every value identically (see README.md, "Formatting convention").
"""

import asyncio

__all__ = ['Boom', 'Bang', 'Oops', 'fmt', 'ename', 'ticker', 'names']


class Boom(Exception):
    """A scenario error (twin: ``Boom`` in harness.ts)."""


class Bang(Exception):
    """A second scenario error, to tell two failures apart."""


class Oops(Exception):
    """A third scenario error."""


# asyncio exception names -> aio's names for the same failure.
_NAME_MAP = {
    'ExceptionGroup': 'TaskGroupError',
    'BaseExceptionGroup': 'TaskGroupError',
    'RuntimeError': 'Error',
}


def ename(exc):
    """The aio name of an exception's class (``RuntimeError`` -> ``Error``, ...)."""
    name = type(exc).__name__
    return _NAME_MAP.get(name, name)


def _quote(s):
    return "'" + s + "'"


def fmt(value):
    """Formats a value the way ``fmt`` in harness.ts does.

    None -> None; booleans -> True/False; integers as digits; strings in single
    quotes; lists and tuples as [a, b]; an exception as Name('message') (Name()
    when the message is empty); an exception group as
    TaskGroupError('message', [sub, ...]).
    """
    if value is None:
        return 'None'
    if isinstance(value, bool):
        return 'True' if value else 'False'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (list, tuple)):
        return '[' + ', '.join(fmt(v) for v in value) + ']'
    if isinstance(value, BaseExceptionGroup):
        subs = ', '.join(fmt(e) for e in value.exceptions)
        return f'{ename(value)}({_quote(str(value))}, [{subs}])'
    if isinstance(value, BaseException):
        msg = str(value)
        return f'{ename(value)}({_quote(msg) if msg else ""})'
    raise TypeError(f'fmt: cannot format {value!r}')


def raised(exc):
    """The harness's final line for a scenario whose main raised ``exc``."""
    msg = str(exc)
    line = f'raised {ename(exc)}' + (f': {msg}' if msg else '')
    if isinstance(exc, BaseExceptionGroup):
        line += ' [' + ', '.join(fmt(e) for e in exc.exceptions) + ']'
    return line


def ticker(log, n, label='tick'):
    """Logs ``<label> 1`` .. ``<label> n``, one per loop iteration (via call_soon).

    Started from a task, ``tick 1`` runs in the next iteration: the ticks mark
    iteration boundaries in a trace.
    """
    loop = asyncio.get_running_loop()
    state = {'i': 0}

    def tick():
        state['i'] += 1
        log(label, str(state['i']))
        if state['i'] < n:
            loop.call_soon(tick)

    loop.call_soon(tick)


def names(futs, name_of):
    """The sorted names of a set of futures, as a list (for wait() results)."""
    return sorted(name_of[f] for f in futs)
