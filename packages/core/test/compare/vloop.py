"""A virtual-time asyncio event loop for CPython 3.11+.

Time starts at 0 and moves only when the loop would block: instead of sleeping in
``select(timeout)``, the selector jumps the loop's clock straight to the earliest
timer. Everything else is CPython's own ``SelectorEventLoop`` code, so the
scheduling order (ready queue, timers, done callbacks, task steps) is exactly
CPython's.

Deadlines are rounded to whole microseconds in ``call_at`` so that decimal
delays add up exactly as integer milliseconds do on the aio side
(``0.1 + 0.2`` lands on the same deadline as ``0.3``, as ``100 + 200`` does on
``300``). A real monotonic clock has a finite resolution too, so this changes
no ordering that CPython defines.

Use it through ``asyncio.Runner(loop_factory=VirtualTimeLoop)`` so that the
``asyncio.run`` semantics (cancelling leftover tasks, shutting down async
generators, closing the loop) are CPython's. ``VirtualTimeLoop`` also numbers
the tasks it creates, for ``deterministic.py``'s creation-order patches.
"""

import asyncio
import math
import selectors
import weakref

__all__ = ['JumpingLoop', 'VirtualTimeLoop', 'DeadlockError', 'RunawayError']

# A runaway scenario (a task spinning on sleep(0) forever) stops after this many
# loop iterations instead of hanging the test run.
MAX_ITERATIONS = 1_000_000


class DeadlockError(RuntimeError):
    """Raised when every task waits and no timer is left to wake any of them."""


class RunawayError(RuntimeError):
    """Raised when a scenario runs more than MAX_ITERATIONS loop iterations."""


def _quantize(when):
    """Rounds a deadline (seconds) to a whole number of microseconds."""
    if not math.isfinite(when):
        return when
    return round(when * 1_000_000) / 1_000_000


class _VirtualSelector(selectors.SelectSelector):
    """A selector whose ``select(timeout)`` advances virtual time instead of waiting.

    It keeps the registrations the loop makes (its self-pipe) but never polls a
    file descriptor: the scenarios do no I/O and no thread wakes the loop.
    """

    def __init__(self, max_iterations):
        super().__init__()
        self.loop = None
        self.iterations = 0
        self.max_iterations = max_iterations

    def select(self, timeout=None):
        loop = self.loop
        self.iterations += 1
        if self.max_iterations is not None and self.iterations > self.max_iterations:
            raise RunawayError(f'more than {self.max_iterations} loop iterations')
        if timeout is None:
            # Nothing ready and no timer: a real loop would sleep forever.
            raise DeadlockError('every task waits and no timer is scheduled')
        if timeout > 0:
            # Jump to the earliest timer (the loop asked for exactly that wait,
            # possibly clamped to a day). Reading the deadline itself instead of
            # adding `timeout` keeps the clock exact.
            scheduled = loop._scheduled
            target = scheduled[0]._when if scheduled else loop._vtime + timeout
            if target > loop._vtime:
                loop._vtime = target
        return []


class JumpingLoop(asyncio.SelectorEventLoop):
    """A ``SelectorEventLoop`` whose ``time()`` is virtual seconds starting at 0.

    No iteration limit and no rounding of deadlines: what the benchmarks (bench/python)
    measure is CPython's own scheduling, nothing added.
    """

    def __init__(self, max_iterations=None):
        selector = _VirtualSelector(max_iterations)
        self._vtime = 0.0
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = 1e-9

    def time(self):
        return self._vtime


class VirtualTimeLoop(JumpingLoop):
    """The comparison harness's loop: a runaway guard, deadlines in whole microseconds,
    and the creation number of every task (``task_order``, weak keys), which
    ``deterministic.py`` uses to give ``asyncio.run()``'s leftover tasks in creation order.
    """

    def __init__(self):
        super().__init__(MAX_ITERATIONS)
        self.task_order = weakref.WeakKeyDictionary()
        self._tasks_created = 0

    def create_task(self, coro, *, name=None, context=None):
        # Every task of a program comes through here (asyncio.create_task,
        # ensure_future, TaskGroup.create_task, Runner.run).
        # The number is taken before the task exists: an eager task (a task
        # factory such as asyncio.eager_task_factory) runs its first step inside
        # create_task, and the tasks it creates there come after it.
        number = self._tasks_created
        self._tasks_created += 1
        task = super().create_task(coro, name=name, context=context)
        self.task_order[task] = number
        return task

    def call_at(self, when, callback, *args, context=None):
        # call_later (and so asyncio.sleep) goes through here too.
        return super().call_at(_quantize(when), callback, *args, context=context)
