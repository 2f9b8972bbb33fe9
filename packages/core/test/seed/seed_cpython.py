"""The seed article's example programs, on CPython's asyncio under virtual time.

This is the oracle of ``seed.test.ts`` and of the demo's tour test: running it prints
``expected-cpython.txt`` (``python3 seed_cpython.py > expected-cpython.txt``, or
``pnpm --filter @aio/core seed:expected``). Each program runs under
``asyncio.Runner(loop_factory=VirtualTimeLoop)`` (the comparison harness's loop), so the
timestamps are exact and the output is the same on every run and machine. The one
random draw (example 4.3) comes from a seeded generator for the same reason.

Output format, per example: ``== <name>``, then one line per ``p(...)`` call:
``[<seconds, 4.1f>s] <str of each argument>``; an example that returns a value prints
``result <value>``, one that raises prints ``raised <ExceptionName> <message>``.
"""

import asyncio
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'compare'))

from vloop import VirtualTimeLoop  # noqa: E402

_rng = random.Random(20241)
_loop = None  # the loop of the example that runs (or ran last)
_t0 = 0.0


def randint(lo, hi):
    return _rng.randint(lo, hi)


def _now():
    return _loop.time() if _loop is not None else 0.0


def p(*a):
    print(f'[{_now() - _t0:4.1f}s]', *a)


def _loop_factory():
    global _loop
    _loop = VirtualTimeLoop()
    return _loop


def run(coro):
    with asyncio.Runner(loop_factory=_loop_factory) as runner:
        return runner.run(coro)


def ex(name, f):
    global _loop, _t0
    print(f'== {name}')
    _loop = None
    _t0 = 0.0
    try:
        r = f()
        if r is not None:
            p('result', r)
    except BaseException as e:  # noqa: BLE001 - the example's outcome is printed
        p('raised', type(e).__name__, e)


# 2.2a
async def say_after(delay, what):
    await asyncio.sleep(delay)
    p(what)


ex('2.2a run', lambda: run(say_after(1, 'Hello, World!')))


async def main22b():
    await say_after(1, 'Hello, World!')


ex('2.2b await', lambda: run(main22b()))
coro = say_after(1, 'Hello, World!')  # created before its loop exists
ex('2.2c lazy', lambda: run(coro))


async def main23():
    await say_after(1, 'Hello')
    await say_after(2, 'World')


ex('2.3 sequential', lambda: run(main23()))


async def return_1():
    return 1


async def coro24():
    return await return_1()


ex('2.4 return', lambda: run(coro24()))


async def my_coroutine():
    await asyncio.sleep(1)
    p('Hello, World!')


async def main32():
    task = asyncio.create_task(my_coroutine())
    await task


ex('3.2 create_task', lambda: run(main32()))


async def main33():
    t1 = asyncio.create_task(say_after(1, 'Hello'))
    t2 = asyncio.create_task(say_after(2, 'World'))
    await t1
    await t2


ex('3.3 concurrent', lambda: run(main33()))


async def main33g():
    t1 = asyncio.create_task(say_after(1, 'Hello'))
    t2 = asyncio.create_task(say_after(2, 'World'))
    p('gather ->', await asyncio.gather(t1, t2))


ex('3.3 gather tasks', lambda: run(main33g()))


async def main33c():
    p('gather ->', await asyncio.gather(say_after(1, 'Hello'), say_after(2, 'World')))


ex('3.3 gather coros', lambda: run(main33c()))


async def say_after_w(delay, what):
    p(f'waiting {delay}s ...')
    await asyncio.sleep(delay)
    p(what)


async def main34a():
    t1 = asyncio.create_task(say_after_w(1, 'Hello'))
    t2 = asyncio.create_task(say_after_w(2, 'World'))
    t2.add_done_callback(lambda t: p('task2 done, cancelled =', t.cancelled()))
    await t1


ex('3.4a await only task1', lambda: run(main34a()))


async def main34b():
    t1 = asyncio.create_task(say_after_w(1, 'Hello'))
    t2 = asyncio.create_task(say_after_w(0.5, 'World'))  # noqa: F841
    await t1


ex('3.4b task2 shorter', lambda: run(main34b()))


async def coro34c():
    p('Hello, World!')


async def main34c():
    task = asyncio.create_task(coro34c())  # noqa: F841


ex('3.4c no await no suspension', lambda: run(main34c()))


async def coro34d():
    p('before await')
    await asyncio.sleep(0)
    p('after await')


async def main34d():
    task = asyncio.create_task(coro34d())  # noqa: F841


ex('3.4d (seed claim check) task with await, never awaited', lambda: run(main34d()))


def set_future_result(future):
    p('Setting future result...')
    future.set_result('Hello, World!')


async def main41a():
    future = asyncio.Future()
    set_future_result(future)
    await asyncio.sleep(1)
    p(await future)


ex('4.1a set then await', lambda: run(main41a()))


async def main41b():
    future = asyncio.Future()
    p(await asyncio.wait_for(future, 2))


ex('4.1b never set (with a 2s timeout so it ends)', lambda: run(main41b()))


async def main41c():
    future = asyncio.Future()
    asyncio.get_running_loop().call_later(1, set_future_result, future)
    p(await future)


ex('4.1c call_later', lambda: run(main41c()))


def callback1(f):
    p('Callback1:', f.result())


def callback2(f):
    p('Callback2:', f.result())


async def main42a():
    future = asyncio.Future()
    future.add_done_callback(callback1)
    future.add_done_callback(callback2)
    future.set_result('Hello, World!')


ex('4.2a callbacks', lambda: run(main42a()))


async def coroutine_func():
    p('Coroutine callback function is running.')


def callback(f):
    p('Callback function is running.')
    asyncio.get_running_loop().create_task(coroutine_func())


async def main42b():
    future = asyncio.Future()
    future.add_done_callback(callback)
    future.set_result('Hello, World!')


ex('4.2b callback spawns task', lambda: run(main42b()))


def sfr(f):
    f.set_result(randint(0, 100))


async def main43():
    future = asyncio.Future()
    sfr(future)
    a = [await future for _ in range(4)]
    p(a, len(set(a)) == 1)


ex('4.3 await many times', lambda: run(main43()))
