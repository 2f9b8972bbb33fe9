"""Makes CPython asyncio's unspecified orders deterministic, the way aio defines them.

Where CPython iterates a *set* of tasks or futures, the order is the set's
(hash = address) order: it changes from run to run. aio iterates those
collections in creation order (a JavaScript ``Set`` keeps insertion order), and
ARCHITECTURE.md says so. These patches make CPython do the same, so that a trace that
depends on such an order can be compared with aio's:

1. ``asyncio.run()``'s shutdown (``runners._cancel_all_tasks``) cancels the
   leftover tasks, gathers them and reports their errors in the order of
   ``tasks.all_tasks(loop)``: patched to return the tasks in creation order (a
   list) when the loop numbers the tasks it creates (``loop.task_order``, as
   ``vloop.VirtualTimeLoop`` does).
2. ``TaskGroup._tasks`` is a set that ``_abort()`` iterates to cancel the
   group's tasks: patched to an insertion-ordered set (tasks join the group when
   they are created).
3. ``as_completed`` (3.13+: ``_AsCompletedIterator``) builds
   ``todo = {ensure_future(aw) for aw in set(aws)}`` and adds its done callback
   to each future in that set's order: coroutines become tasks in set order, and
   futures that are already done queue their callbacks in set order. Patched to
   do both in argument order (first occurrence). On 3.11 and 3.12 (a different
   implementation) it is left alone.

``asyncio.wait`` also iterates a set, but only to add one callback per future
(each future's callbacks keep their own order) and to sort the futures into the
``done`` / ``pending`` sets: nothing observable depends on that order.

``FifoTimerHandle`` / ``fifo_call_at`` are the fuzzer's fourth change (not
installed here): timers with equal deadlines fire in the order they were
scheduled, as aio fires them (ARCHITECTURE.md), where CPython's heap leaves ties undefined.

``close_leftover_tasks`` (called by the runners, not installed) keeps one run
from reaching into the next when many run in one process: it closes the
coroutines of the tasks a run left unfinished as soon as the run is over, where
the garbage collector would otherwise close them (and run their ``except`` /
``finally`` code) at an arbitrary later moment, inside another run.

Used by ``run_py.py`` (the comparison scenarios) and by ``../fuzz/interpret.py``
(the differential fuzzer).
"""

import asyncio
import heapq
import itertools
import sys

__all__ = [
    'InsertionOrderedSet', 'install', 'FifoTimerHandle', 'fifo_call_at', 'close_leftover_tasks',
]


class InsertionOrderedSet:
    """The part of ``set`` that TaskGroup and as_completed use, iterating in insertion order."""

    __slots__ = ('_items',)

    def __init__(self):
        self._items = {}

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def remove(self, item):
        del self._items[item]

    def clear(self):
        self._items.clear()

    def __contains__(self, item):
        return item in self._items

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)


_original_all_tasks = asyncio.tasks.all_tasks
_original_taskgroup_init = asyncio.TaskGroup.__init__


def _all_tasks_in_creation_order(loop=None):
    """``tasks.all_tasks``, as a list in creation order when the loop numbers its tasks."""
    if loop is None:
        loop = asyncio.get_running_loop()
    found = _original_all_tasks(loop)
    order = getattr(loop, 'task_order', None)
    if order is None:
        return found
    unknown = [t for t in found if t not in order]
    if unknown:
        raise RuntimeError(f'deterministic.py: tasks not created by loop.create_task: {unknown}')
    return sorted(found, key=order.__getitem__)


def _taskgroup_init(self):
    _original_taskgroup_init(self)
    self._tasks = InsertionOrderedSet()


def _as_completed_init(self, aws, timeout):
    """3.13's ``_AsCompletedIterator.__init__`` with ``todo`` in argument order."""
    self._done = asyncio.Queue()
    self._timeout_handle = None
    loop = asyncio.events.get_event_loop()
    todo = InsertionOrderedSet()
    for aw in dict.fromkeys(aws):
        todo.add(asyncio.ensure_future(aw, loop=loop))
    for f in todo:
        f.add_done_callback(self._handle_completion)
    if todo and timeout is not None:
        self._timeout_handle = loop.call_later(timeout, self._handle_timeout)
    self._todo = todo
    self._todo_left = len(todo)


def install():
    """Applies the three set-order patches (idempotent)."""
    asyncio.tasks.all_tasks = _all_tasks_in_creation_order
    asyncio.TaskGroup.__init__ = _taskgroup_init
    if sys.version_info >= (3, 13):
        asyncio.tasks._AsCompletedIterator.__init__ = _as_completed_init


_timer_seq = itertools.count()


class FifoTimerHandle(asyncio.TimerHandle):
    """A TimerHandle ordered by (deadline, scheduling order): equal deadlines fire FIFO.

    CPython orders TimerHandles by ``_when`` alone, so its heap gives timers with
    equal deadlines back in an order it does not define. heapq compares with ``<``.
    """

    __slots__ = ('_seq',)

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._seq = next(_timer_seq)

    def __lt__(self, other):
        if self._when != other._when:
            return self._when < other._when
        return self._seq < getattr(other, '_seq', -1)


def fifo_call_at(loop, when, callback, args, context):
    """``BaseEventLoop.call_at`` (without its debug checks) scheduling a FifoTimerHandle."""
    if when is None:
        raise TypeError('when cannot be None')
    loop._check_closed()
    timer = FifoTimerHandle(when, callback, args, loop, context)
    heapq.heappush(loop._scheduled, timer)
    timer._scheduled = True
    return timer


# How often one coroutine may refuse to close (await again in its clean-up)
# before close_leftover_tasks gives up: generated programs are finite, so this
# is never reached unless a clean-up loops forever.
_MAX_CLOSE_ATTEMPTS = 10_000


def close_leftover_tasks(loop):
    """Closes, now, the coroutine of every task of ``loop`` that never finished.

    Call it when a run is over (its loop stopped, normally closed). A run can end
    with tasks suspended for good: ``asyncio.run()``'s shutdown cancels the
    leftover tasks, and when that itself deadlocks (``vloop.DeadlockError``) or
    fails, the loop is closed with them still pending. Such a task's coroutine
    sits in a reference cycle (its frame holds the objects that hold the task),
    so only the cyclic garbage collector finalises it, whenever it happens to
    run: ``coroutine.close()`` throws ``GeneratorExit`` in, and the coroutine's
    ``except`` / ``finally`` code runs *then*. In a process that runs one program
    after another (the fuzzer's oracle, the comparison harness), that is inside
    a later run, where ``asyncio.current_task()`` and ``get_running_loop()``
    answer with the later run's task and loop: an ``uncancel()`` in such a
    clean-up wiped the pending cancellation of another program's task.

    Closed here, with no loop running, that code runs at a fixed point where it
    reaches only its own run's objects (whatever needs a running loop fails).
    What the clean-up raises is not reported: the run is over. A coroutine
    that awaits again while closing (``coroutine ignored GeneratorExit``) is
    closed again until its frame is gone. Tasks are closed in creation order
    when the loop numbers its tasks (``task_order``).
    """
    if loop.is_running():
        raise RuntimeError('close_leftover_tasks: the loop is still running')
    order = getattr(loop, 'task_order', None) or {}
    unnumbered = len(order)
    leftovers = sorted(_original_all_tasks(loop), key=lambda t: order.get(t, unnumbered))
    for task in leftovers:
        coro = task.get_coro()
        attempts = 0
        while getattr(coro, 'cr_frame', None) is not None:
            attempts += 1
            if attempts > _MAX_CLOSE_ATTEMPTS:
                raise RuntimeError(
                    f'close_leftover_tasks: {task!r} still awaits after '
                    f'{_MAX_CLOSE_ATTEMPTS} attempts to close its coroutine')
            try:
                coro.close()
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException:  # noqa: BLE001,S110 - the run is over: its clean-up errors are not part of it
                pass
