"""The fuzzer's oracle: runs a generated program (program.ts) on CPython asyncio.

Usage::

    python3 interpret.py --serve          # JSON lines: {"id", "program"} in, {"id", "trace"} out
    python3 interpret.py program.json     # prints the trace of one program (or of a
                                          # regression / divergence file's "program")

The program runs under ``asyncio.Runner`` (so ``asyncio.run``'s shutdown is
CPython's) on ``FuzzLoop``: the comparison harness's virtual-time loop
(``../compare/vloop.py``) with CPython's unspecified orders made deterministic
(``../compare/deterministic.py``, README.md "A deterministic oracle"):

1. ``asyncio.run()``'s shutdown cancels leftover tasks in creation order;
2. a ``TaskGroup`` aborts (cancels) its tasks in creation order;
3. ``as_completed`` wraps its coroutines in tasks, and adds its done callbacks,
   in argument order;
4. timers with equal deadlines fire in the order they were scheduled (FIFO).

Programs run one after another in one process, so nothing of one may run
inside the next: when a program is over, the coroutines of its unfinished tasks
are closed at once (``deterministic.close_leftover_tasks``) instead of by the
garbage collector during some later program, and every op checks that it runs
on its own program's loop (``Interp.guard``; a program during which an earlier
one's code ran is answered with an error, never with a trace).

``interpret.ts`` is the twin of this file for aio: the two must log the same
lines for the same behaviour.
"""

import asyncio
import contextvars
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
# The comparison harness's virtual-time loop and determinism patches (one copy of each).
sys.path.insert(0, os.path.join(HERE, '..', 'compare'))

if sys.version_info < (3, 13):
    sys.exit(f'interpret.py needs CPython 3.13 or newer, not {sys.version.split()[0]}')

import deterministic  # noqa: E402
from vloop import DeadlockError, RunawayError, VirtualTimeLoop, _quantize  # noqa: E402


class FuzzLoop(VirtualTimeLoop):
    """The oracle's loop: VirtualTimeLoop with FIFO ties between equal deadlines.

    It also keeps every task it creates alive until the program ends, so that
    CPython's garbage collector never destroys a pending task mid-run (aio's loop
    holds pending tasks strongly).
    """

    def __init__(self):
        super().__init__()
        self.keep = []

    def call_at(self, when, callback, *args, context=None):
        # VirtualTimeLoop.call_at rounds to whole µs; this one also breaks ties FIFO.
        return deterministic.fifo_call_at(self, _quantize(when), callback, args, context)

    def create_task(self, coro, *, name=None, context=None):
        task = super().create_task(coro, name=name, context=context)
        self.keep.append(task)
        return task

    def create_eager_task(self, coro, *, name=None):
        """A task whose first step runs now (``Task(..., eager_start=True)``, 3.12+).

        Its creation number is taken before that step, so the tasks it creates
        in it come after it (creation order, as for any other task).
        """
        number = self._tasks_created
        self._tasks_created += 1
        task = asyncio.Task(coro, loop=self, name=name, eager_start=True)
        self.task_order[task] = number
        self.keep.append(task)
        return task


# ---------------------------------------------------------------------------
# Formatting (twins in interpret.ts)
# ---------------------------------------------------------------------------


class Boom(Exception):
    pass


class Bang(Exception):
    pass


class Oops(Exception):
    pass


ERRORS = {'Boom': Boom, 'Bang': Bang, 'Oops': Oops}

# asyncio / builtin names -> aio's names for the same failure.
_NAME_MAP = {
    'ExceptionGroup': 'TaskGroupError',
    'BaseExceptionGroup': 'TaskGroupError',
    'RuntimeError': 'Error',
    'ValueError': 'RangeError',
    # A stack overflow (a cycle of tasks cancelling each other) is a RangeError in JavaScript.
    'RecursionError': 'RangeError',
}

# Errors whose message is part of the behaviour; other messages (misuse errors)
# are worded differently in aio and asyncio and are not logged.
_KEEP_MESSAGE = {'CancelledError', 'TimeoutError', 'Boom', 'Bang', 'Oops', 'TaskGroupError'}


def ename(exc):
    name = type(exc).__name__
    return _NAME_MAP.get(name, name)


def fmt(value):
    if value is None:
        return 'None'
    if isinstance(value, bool):
        return 'True' if value else 'False'
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value + "'"
    if isinstance(value, (list, tuple)):
        return '[' + ', '.join(fmt(v) for v in value) + ']'
    if isinstance(value, BaseException):
        name = ename(value)
        if name not in _KEEP_MESSAGE:
            return name + '(…)'
        msg = str(value)
        if isinstance(value, BaseExceptionGroup):
            return f"{name}('{msg}', [{', '.join(fmt(e) for e in value.exceptions)}])"
        return f"{name}('{msg}')" if msg else f'{name}()'
    raise TypeError(f'fmt: cannot format {value!r}')


def ok(value):
    return 'ok' if value is None else 'ok ' + fmt(value)


def state_of(fut):
    if not fut.done():
        return 'pending'
    if fut.cancelled():
        return 'cancelled'
    exc = fut.exception()
    return 'result ' + fmt(fut.result()) if exc is None else 'exception ' + fmt(exc)


def handler_kind(message):
    """What the trace calls an exception-handler call; None for GC-driven ones."""
    if 'never retrieved' in message or 'destroyed but it is pending' in message:
        return None  # depends on when the garbage collector runs
    if message.startswith('Exception in callback'):
        return 'callback'
    if message.startswith('unhandled exception during'):
        return 'shutdown'
    if 'has errored out but its parent task' in message:
        return 'orphan'
    return 'other:' + '_'.join(message.split()[:4])


# ---------------------------------------------------------------------------
# The interpreter
# ---------------------------------------------------------------------------


class ForeignLoopError(RuntimeError):
    """An earlier program's code ran while another program's loop was running."""


# What Interp.guard stopped since the current program started (run_program reports it).
_intrusions = []


class Interp:
    def __init__(self, program, log):
        self.program = program
        self.log = log
        self.loop = None  # the loop this program runs on (set by run_program)
        self.refs = {}  # tasks and futures by name
        self.objs = {}  # events, locks, ... by name
        self.handles = {}  # call_soon / call_later handles by label

    def on_exception(self, loop, context):
        kind = handler_kind(context.get('message', ''))
        if kind is not None:
            exc = context.get('exception')
            self.log('loop', 'handler', kind, 'None' if exc is None else fmt(exc))

    def guard(self, actor):
        """Raises ForeignLoopError when another program's loop is running (see run_program).

        This program's code can only run again after its run through a leak: a
        coroutine of it left suspended and finalised (by the garbage collector)
        during a later program, where ``current_task()`` and ``get_running_loop()``
        would give it that program's task and loop. Checked before every op, so
        such code stops before it touches anything, and the later program is
        failed loudly instead of being given a corrupted trace.
        """
        running = asyncio._get_running_loop()
        if running is not None and running is not self.loop:
            current = asyncio.current_task(running)
            what = (f'{actor} of an earlier program ran inside '
                    f'{current.get_name() if current is not None else "a callback"} '
                    f'at {round(running.time() * 1000)} ms')
            _intrusions.append(what)
            raise ForeignLoopError(what)

    async def main(self):
        loop = asyncio.get_running_loop()
        self.refs['main'] = asyncio.current_task()
        for d in self.program['objects']:
            kind, name = d['kind'], d['name']
            if kind == 'future':
                self.refs[name] = loop.create_future()
            elif kind == 'event':
                self.objs[name] = asyncio.Event()
            elif kind == 'lock':
                self.objs[name] = asyncio.Lock()
            elif kind == 'semaphore':
                cls = asyncio.BoundedSemaphore if d['bounded'] else asyncio.Semaphore
                self.objs[name] = cls(d['value'])
            elif kind == 'condition':
                self.objs[name] = asyncio.Condition()
            elif kind == 'queue':
                self.objs[name] = asyncio.Queue(d['maxsize'])
            elif kind == 'var':
                self.objs[name] = contextvars.ContextVar(name, default=0)
        return await self.body(self.program['main'], 'main')

    async def body(self, ops, actor):
        self.log(actor, 'start')
        try:
            await self.run_ops(ops, actor, ())
        except BaseException as e:
            self.log(actor, 'exit', fmt(e))
            raise
        self.log(actor, 'end')
        return actor

    def coro_of(self, child):
        """A child's awaitable: the named task/future, or a new coroutine; None if missing."""
        if 'ref' in child:
            return self.refs.get(child['ref'])
        return self.body(child['body'], child['label'])

    def missing(self, refs):
        for name in refs:
            if name not in self.refs:
                return name
        return None

    async def awaiting(self, actor, desc, aw, show=ok):
        try:
            value = await aw
        except BaseException as e:
            self.log(actor, desc, '->', fmt(e))
            raise
        self.log(actor, desc, '->', show(value))
        return value

    def doing(self, actor, desc, fn):
        try:
            value = fn()
        except BaseException as e:
            self.log(actor, desc, '->', fmt(e))
            raise
        self.log(actor, desc, '->', ok(value))

    async def run_ops(self, ops, actor, scopes):
        for op in ops:
            self.guard(actor)
            if op['op'] in SYNC_OPS:
                self.sync_op(op, actor)
            else:
                await self.async_op(op, actor, scopes)

    def run_callback_ops(self, ops, actor):
        for op in ops:
            self.guard(actor)
            self.sync_op(op, actor)

    # -- ops that never await (also in callbacks) ------------------------------

    def sync_op(self, op, actor):
        name = op['op']
        loop = asyncio.get_running_loop()
        if name == 'spawn':
            task = op['task']

            def spawn():
                coro = self.body(op['body'], task)
                if op.get('eager'):
                    self.refs[task] = loop.create_eager_task(coro, name=task)
                else:
                    self.refs[task] = asyncio.create_task(coro, name=task)

            self.doing(actor, f'spawn {task}', spawn)
        elif name == 'cancel':
            target = op['target']
            fut = asyncio.current_task() if target == 'self' else self.refs.get(target)
            desc = f'cancel {target}'
            if fut is None:
                self.log(actor, desc, '->', 'missing')
                return
            msg = op.get('msg')
            self.doing(actor, desc, lambda: fut.cancel() if msg is None else fut.cancel(msg))
        elif name == 'state':
            fut = self.refs.get(op['target'])
            self.log(actor, 'state', op['target'], 'missing' if fut is None else state_of(fut))
        elif name == 'raise':
            raise ERRORS[op['error']](op['msg'])
        elif name in ('futSet', 'futFail', 'futCancel', 'futCallback'):
            fut = self.refs.get(op['target'])
            desc = f"{name} {op['target']}"
            if fut is None:
                self.log(actor, desc, '->', 'missing')
                return
            if name == 'futSet':
                self.doing(actor, desc, lambda: fut.set_result(op['value']))
            elif name == 'futFail':
                self.doing(actor, desc, lambda: fut.set_exception(ERRORS[op['error']](op['msg'])))
            elif name == 'futCancel':
                msg = op.get('msg')
                self.doing(actor, desc, lambda: fut.cancel() if msg is None else fut.cancel(msg))
            else:
                label, ops = op['label'], op['ops']

                def callback(f):
                    self.log(label, 'callback', state_of(f))
                    self.run_callback_ops(ops, label)

                self.doing(actor, f'{desc} {label}', lambda: fut.add_done_callback(callback))
        elif name in ('callSoon', 'callLater'):
            label, ops = op['label'], op['ops']

            def callback():
                self.log(label, 'run')
                self.run_callback_ops(ops, label)

            def schedule():
                if name == 'callSoon':
                    self.handles[label] = loop.call_soon(callback)
                else:
                    self.handles[label] = loop.call_later(op['ms'] / 1000, callback)

            self.doing(actor, f'{name} {label}', schedule)
        elif name == 'cancelHandle':
            handle = self.handles.get(op['label'])
            desc = f"cancelHandle {op['label']}"
            if handle is None:
                self.log(actor, desc, '->', 'missing')
                return
            self.doing(actor, desc, handle.cancel)
        else:
            obj = self.objs[op['target']]
            desc = f"{name} {op['target']}"
            if name == 'eventSet':
                self.doing(actor, desc, obj.set)
            elif name == 'eventClear':
                self.doing(actor, desc, obj.clear)
            elif name == 'release':
                self.doing(actor, desc, obj.release)
            elif name == 'putNowait':
                self.doing(actor, f"{desc} {op['value']}", lambda: obj.put_nowait(op['value']))
            elif name == 'getNowait':
                self.doing(actor, desc, obj.get_nowait)
            elif name == 'taskDone':
                self.doing(actor, desc, obj.task_done)
            elif name == 'shutdown':
                imm = op['immediate']
                self.doing(actor, f'{desc} {fmt(imm)}', lambda: obj.shutdown(imm))
            elif name == 'varSet':
                self.doing(actor, f"{desc} {op['value']}", lambda: obj.set(op['value']) and None)
            elif name == 'varGet':
                self.doing(actor, desc, obj.get)
            else:
                raise AssertionError(f'unknown sync op {name}')

    # -- ops that may await (task bodies only) ---------------------------------

    async def async_op(self, op, actor, scopes):
        name = op['op']
        loop = asyncio.get_running_loop()
        if name == 'sleep':
            await self.awaiting(actor, f"sleep {op['ms']}", asyncio.sleep(op['ms'] / 1000))
        elif name == 'await':
            fut = self.refs.get(op['target'])
            desc = f"await {op['target']}"
            if fut is None:
                self.log(actor, desc, '->', 'missing')
                return
            await self.awaiting(actor, desc, fut)
        elif name == 'uncancel':
            self.doing(actor, 'uncancel', asyncio.current_task().uncancel)
        elif name == 'cancelling':
            self.doing(actor, 'cancelling', asyncio.current_task().cancelling)
        elif name == 'gather':
            children = op['children']
            gone = self.missing([c['ref'] for c in children if 'ref' in c])
            if gone is not None:
                self.log(actor, 'gather', '->', 'missing', gone)
                return
            aws = [self.coro_of(c) for c in children]
            await self.awaiting(
                actor, 'gather', asyncio.gather(*aws, return_exceptions=op['returnExceptions']))
        elif name == 'wait':
            targets = op['targets']
            gone = self.missing(targets)
            if gone is not None:
                self.log(actor, 'wait', '->', 'missing', gone)
                return
            futs = [self.refs[t] for t in targets]
            name_of = {self.refs[t]: t for t in targets}
            timeout = None if op['timeout'] is None else op['timeout'] / 1000

            def show(result):
                done, pending = result
                return (f'done={fmt(sorted(name_of[f] for f in done))} '
                        f'pending={fmt(sorted(name_of[f] for f in pending))}')

            await self.awaiting(
                actor, 'wait',
                asyncio.wait(futs, timeout=timeout, return_when=op['returnWhen']), show)
        elif name == 'waitFor':
            child = op['child']
            aw = self.coro_of(child)
            if aw is None:
                self.log(actor, 'waitFor', '->', 'missing', child['ref'])
                return
            timeout = None if op['timeout'] is None else op['timeout'] / 1000
            await self.awaiting(actor, 'waitFor', asyncio.wait_for(aw, timeout))
        elif name == 'shield':
            child = op['child']
            aw = self.coro_of(child)
            if aw is None:
                self.log(actor, 'shield', '->', 'missing', child['ref'])
                return
            await self.awaiting(actor, 'shield', asyncio.shield(aw))
        elif name == 'asCompleted':
            children = op['children']
            gone = self.missing([c['ref'] for c in children if 'ref' in c])
            if gone is not None:
                self.log(actor, 'asCompleted', '->', 'missing', gone)
                return
            aws = [self.coro_of(c) for c in children]
            timeout = None if op['timeout'] is None else op['timeout'] / 1000
            for i, nxt in enumerate(asyncio.as_completed(aws, timeout=timeout)):
                desc = f'asCompleted #{i}'
                try:
                    value = await nxt
                except asyncio.CancelledError as e:
                    self.log(actor, desc, '->', fmt(e))
                    raise
                except Exception as e:
                    self.log(actor, desc, '->', fmt(e))
                    continue
                self.log(actor, desc, '->', ok(value))
        elif name == 'timeout':
            delay = None if op['ms'] is None else op['ms'] / 1000
            cm = asyncio.timeout(delay)
            desc = f"timeout {fmt(op['ms'])}"
            try:
                async with cm:
                    await self.run_ops(op['body'], actor, scopes + (('timeout', cm),))
            except BaseException as e:
                self.log(actor, desc, '->', fmt(e), 'expired', fmt(cm.expired()))
                raise
            self.log(actor, desc, '->', 'ok', 'expired', fmt(cm.expired()))
        elif name == 'reschedule':
            cm = next((s[1] for s in reversed(scopes) if s[0] == 'timeout'), None)
            desc = f"reschedule {fmt(op['ms'])}"
            if cm is None:
                self.log(actor, desc, '->', 'missing')
                return
            when = None if op['ms'] is None else loop.time() + op['ms'] / 1000
            self.doing(actor, desc, lambda: cm.reschedule(when))
        elif name == 'taskGroup':
            try:
                async with asyncio.TaskGroup() as tg:
                    await self.run_ops(op['body'], actor, scopes + (('tg', tg),))
            except BaseException as e:
                self.log(actor, 'taskGroup', '->', fmt(e))
                raise
            self.log(actor, 'taskGroup', '->', 'ok')
        elif name == 'tgSpawn':
            tg = next((s[1] for s in reversed(scopes) if s[0] == 'tg'), None)
            task = op['task']
            desc = f'tgSpawn {task}'
            if tg is None:
                self.log(actor, desc, '->', 'missing')
                return

            def spawn():
                self.refs[task] = tg.create_task(self.body(op['body'], task), name=task)

            self.doing(actor, desc, spawn)
        elif name == 'try':
            await self.try_op(op, actor, scopes)
        elif name == 'repeat':
            for _ in range(op['n']):
                await self.run_ops(op['body'], actor, scopes)
        elif name == 'eventWait':
            await self.awaiting(actor, f"eventWait {op['target']}", self.objs[op['target']].wait())
        elif name == 'acquire':
            await self.awaiting(actor, f"acquire {op['target']}", self.objs[op['target']].acquire())
        elif name == 'hold':
            obj = self.objs[op['target']]
            desc = f"hold {op['target']}"
            try:
                async with obj:
                    await self.run_ops(op['body'], actor, scopes)
            except BaseException as e:
                self.log(actor, desc, '->', fmt(e))
                raise
            self.log(actor, desc, '->', 'ok')
        elif name == 'condWait':
            await self.awaiting(actor, f"condWait {op['target']}", self.objs[op['target']].wait())
        elif name == 'notify':
            obj = self.objs[op['target']]
            self.doing(actor, f"notify {op['target']} {op['n']}", lambda: obj.notify(op['n']))
        elif name == 'notifyAll':
            self.doing(actor, f"notifyAll {op['target']}", self.objs[op['target']].notify_all)
        elif name == 'put':
            obj = self.objs[op['target']]
            await self.awaiting(actor, f"put {op['target']} {op['value']}", obj.put(op['value']))
        elif name == 'get':
            await self.awaiting(actor, f"get {op['target']}", self.objs[op['target']].get())
        elif name == 'join':
            await self.awaiting(actor, f"join {op['target']}", self.objs[op['target']].join())
        else:
            raise AssertionError(f'unknown op {name}')

    async def try_op(self, op, actor, scopes):
        catch = op['catch']
        try:
            await self.run_ops(op['body'], actor, scopes)
        except BaseException as e:
            if catch == 'none' or (
                    catch == 'cancelled' and not isinstance(e, asyncio.CancelledError)) or (
                    catch == 'error' and isinstance(e, asyncio.CancelledError)):
                raise
            self.log(actor, 'caught', fmt(e))
            if op['uncancel']:
                self.guard(actor)
                self.doing(actor, 'uncancel', asyncio.current_task().uncancel)
            await self.run_ops(op['handler'], actor, scopes)
            if op['reraise']:
                raise
        finally:
            if op['finally'] is not None:
                self.log(actor, 'finally')
                await self.run_ops(op['finally'], actor, scopes)


SYNC_OPS = frozenset([
    'spawn', 'cancel', 'state', 'raise', 'futSet', 'futFail', 'futCancel', 'futCallback',
    'callSoon', 'callLater', 'cancelHandle', 'eventSet', 'eventClear', 'release',
    'putNowait', 'getNowait', 'taskDone', 'shutdown', 'varSet', 'varGet',
])


# ---------------------------------------------------------------------------
# Running a program
# ---------------------------------------------------------------------------


def run_program(program):
    """Runs one program under asyncio.Runner on a FuzzLoop; returns its trace lines."""
    lines = []
    state = {'open': True, 'loop': None}

    def log(actor, *parts):
        if not state['open']:
            return  # after the run (a __del__, a second deadlock): not part of the trace
        t = round(state['loop'].time() * 1000)
        lines.append(f'{t} {actor} ' + ' '.join(parts))

    interp = Interp(program, log)
    _intrusions.clear()

    def factory():
        loop = FuzzLoop()
        loop.set_exception_handler(interp.on_exception)
        state['loop'] = loop
        interp.loop = loop
        return loop

    def verdict(exc):
        if isinstance(exc, DeadlockError):
            return 'deadlock'
        if isinstance(exc, RunawayError):
            return 'runaway'
        return None

    runner = asyncio.Runner(loop_factory=factory, debug=False)
    final = None
    special = None
    try:
        final = 'result ' + fmt(runner.run(interp.main()))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - every outcome is part of the trace
        special = verdict(exc)
        final = 'raised ' + fmt(exc)
    if special is not None:
        state['open'] = False  # aio stops where the loop got stuck: so does the trace
    try:
        runner.close()  # asyncio.run()'s shutdown: cancels and awaits the leftover tasks
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001
        if special is None:
            special = verdict(exc)
            final = 'raised ' + fmt(exc)
    state['open'] = False
    if state['loop'] is not None:
        # Tasks left suspended (the shutdown deadlocked) are closed now, not by the
        # garbage collector in the middle of a later program.
        deterministic.close_leftover_tasks(state['loop'])
    if _intrusions:
        seen = '; '.join(_intrusions)
        _intrusions.clear()
        raise RuntimeError(
            'interpret.py: code of an earlier program ran during this one, so its trace '
            f'cannot be trusted (state leaked from one program to the next): {seen}')
    lines.append(special if special is not None else final)
    return lines


def serve(stdin, stdout):
    """Answers JSON lines {"id", "program"} with {"id", "trace"} (or {"id", "error"})."""
    version = '.'.join(map(str, sys.version_info[:3]))
    stdout.write(json.dumps({'ready': True, 'python': version, 'executable': sys.executable}) + '\n')
    stdout.flush()
    for line in stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            out = {'id': req['id'], 'trace': run_program(req['program'])}
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # noqa: BLE001 - an interpreter bug: report it
            import traceback
            out = {'id': req['id'], 'error': ''.join(traceback.format_exception(exc))}
        stdout.write(json.dumps(out) + '\n')
        stdout.flush()


def main(argv):
    deterministic.install()
    real_stdout = sys.stdout
    # A stray print() (or asyncio's logging) must not corrupt the JSON stream.
    sys.stdout = sys.stderr
    if argv == ['--serve']:
        serve(sys.stdin, real_stdout)
        return
    if len(argv) != 1:
        sys.exit('usage: interpret.py --serve | interpret.py program.json')
    with open(argv[0], encoding='utf-8') as f:
        data = json.load(f)
    program = data['program'] if 'program' in data else data
    real_stdout.write('\n'.join(run_program(program)) + '\n')


if __name__ == '__main__':
    main(sys.argv[1:])
