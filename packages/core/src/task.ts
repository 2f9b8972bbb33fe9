/**
 * Task: a Future that drives a coroutine (a generator object) on its loop.
 *
 * Invariant (as asyncio's): while a task is pending, either `_futWaiter` is a
 * pending Waitable that holds the task as its waker (a future's callbacks, a sleep's
 * `_waiter`), or the task itself is in the loop's ready queue exactly once (its step
 * is scheduled; `_futWaiter` may then still name the Waitable that woke it, done). The task is
 * its own ready-queue entry: scheduling a step allocates nothing.
 *
 * @module
 */

import { Context, type VarMap, captureMap, exitTo, state } from './contextvars';
import {
  type DoneWaker,
  type ListedTask,
  type LoopInternals,
  type Waitable,
  isBrandedWaitable,
  loopInternals,
} from './events';
import { CancelledError, makeCancelledError } from './exceptions';
import { isGeneratorObject, repr } from './format';
import { fireHook } from './instruments';
import {
  BLOCKING,
  CANCELLED,
  FAILED,
  FINISHED,
  FLAG_BITS,
  Future,
  MUST_CANCEL,
  PENDING,
  THROW_NEXT,
  type WaitParts,
} from './future';
import { runningLoop } from './runningLoop';
import type * as api from './types';
import type { Coro, TaskOptions } from './types';

/** @internal No exception to throw into the coroutine: send instead. */
export const NO_EXC: unique symbol = Symbol('NO_EXC');
// A task's `_flags` counts its pending cancellation requests above the flag bits
// (future.ts owns the layout).
const CANCEL_SHIFT = FLAG_BITS;
const CANCEL_REQUEST = 1 << CANCEL_SHIFT;

/**
 * The error the next step throws into the coroutine (THROW_NEXT in `_flags`): a bad
 * yield, an await cycle unwound. Rare, so it is held here rather than in a field of
 * every task.
 */
const nextThrow = new WeakMap<Task<unknown>, unknown>();

/**
 * The message of a cancellation a task swallowed before it finished normally (asyncio
 * keeps `_cancel_message` then, and a gather that takes its error from that task shows
 * it). Pending, it lived in `_value`, which the result then takes over; rare, so it is
 * held here rather than in a field of every task.
 */
const staleCancelMessage = new WeakMap<Task<unknown>, unknown>();

let taskCounter = 0;
// How long an await chain `cancel()` checks for a cycle by walking it again before it
// keeps a set of the chain.
const CHAIN_SCAN = 16;

/**
 * The Task implementation (public type and documentation: `Task` in types.ts).
 *
 * @internal
 */
export class Task<T = unknown> extends Future<T> implements api.Task<T>, DoneWaker, ListedTask {
  /** @internal */ _coro: Coro<T>;
  /**
   * @internal The task's context: a Context (explicit, or made when the task first
   * set a variable), or until then the variables captured at creation (a map):
   * the copy is made on write.
   */
  _context: Context | VarMap;
  /** @internal its slot in the loop's registry of pending tasks, -1 when not in it */ _slot = -1;
  /** @internal a string, or the number of an unnamed task */ _name: string | number;
  /**
   * @internal The future (or other Waitable) this task waits on; still set, done, from
   * its wake-up until the step that reads its outcome.
   */
  _futWaiter: Waitable | null = null;
  // A task's `_value` (Future's field) also serves while the task is pending: it holds
  // the message of a cancellation due at the next step (asyncio's `_cancel_message`).
  // Once cancelled it is the cancel message, or the CancelledError the coroutine raised
  // (asyncio's `_cancelled_exc`), handed out once by `_makeCancelledError`.

  constructor(coro: Coro<T>, opts?: TaskOptions & { loop?: api.EventLoop }) {
    if (!isGeneratorObject(coro)) {
      throw new TypeError(
        `Task(): a coroutine (generator object) was expected, got ${repr(coro)}` +
          (typeof coro === 'function'
            ? ` — call it: ${(coro as { name: string }).name || 'fn'}()`
            : ''),
      );
    }
    const given = opts?.loop;
    const loop = given === undefined ? runningLoop() : loopInternals(given, 'Task()');
    loop._checkClosed();
    super(loop._opts);
    this._coro = coro;
    const name = opts?.name;
    this._name = name === undefined || name === null ? ++taskCounter : String(name);
    // The task runs in a copy of the current context. The copy is made lazily:
    // until the task sets a variable (or asks for its context) it shares the map.
    const ctx = opts?.context;
    if (ctx !== undefined && ctx !== null) {
      this._context = ctx;
    } else {
      this._context = captureMap();
    }
    const created = loop._hkTaskCreated;
    if (created !== null) {
      fireHook(loop, created, 'taskCreated', this, loop._currentTask ?? undefined);
    }
    if (opts?.eagerStart && loop._isRunningNow()) {
      // Listed before its first step, so that tasks it creates in that step come after
      // it in the loop's list (creation order: run() cancels leftovers in that order).
      registerTask(loop, this as Task<unknown>);
      this._eagerStart();
    } else {
      this._schedule(undefined);
      registerTask(loop, this as Task<unknown>);
    }
  }

  getName(): string {
    const n = this._name;
    return typeof n === 'number' ? (this._name = `Task-${n}`) : n;
  }

  setName(name: string): void {
    this._name = String(name);
  }

  getCoro(): Coro<T> {
    return this._coro;
  }

  getContext(): Context {
    const c = this._context;
    if (c instanceof Context) return c;
    const ctx = new Context(c);
    this._context = ctx;
    return ctx;
  }

  override cancel(msg?: string): boolean {
    this._retrieved();
    if (this._state !== PENDING) return false;
    // Cancelling a task cancels what it awaits, which may be a task that awaits a task…
    // asyncio recurses down the chain; here the chain is walked in a loop, so that a
    // chain of a million tasks cancels without overflowing the stack. Each task of the
    // chain is handled exactly as the recursive `cancel()` would handle it.
    let task = this as Task<unknown>;
    let hops = 0;
    let chain: Set<Task<unknown>> | null = null;
    for (;;) {
      task._flags += CANCEL_REQUEST; // the count lives above the flag bits
      const loop = task._loop;
      const hk = loop._hkCancelRequested;
      if (hk !== null) {
        fireHook(loop, hk, 'cancelRequested', task, loop._currentTask ?? undefined, msg);
      }
      const waiter = task._futWaiter;
      if (waiter instanceof Task && waiter.cancel === Task.prototype.cancel) {
        // `waiter.cancel(msg)`, inline.
        waiter._retrieved();
        if (waiter._state === PENDING) {
          if (++hops > CHAIN_SCAN) chain ??= this._chainUpTo(task);
          if (chain !== null ? chain.has(waiter) : this._chainHas(waiter, task)) {
            // An await cycle (a → b → a): asyncio would recurse forever. Nothing in the
            // cycle can ever complete, so the task that closes it stops waiting and
            // wakes with the CancelledError, which unwinds the cycle.
            waiter._removeWaker(task);
            task._futWaiter = null;
            task._scheduleStep(makeCancelledError(msg, loop._debug));
            return true;
          }
          chain?.add(waiter);
          // Keep _futWaiter: it may be a task that ignores cancellation and must be
          // cancelled again later.
          task = waiter;
          continue;
        }
      } else if (waiter?.cancel(msg)) {
        return true;
      }
      // Nothing took the cancellation: the step is already scheduled and will throw.
      task._flags |= MUST_CANCEL;
      task._value = msg;
      return true;
    }
  }

  /** @internal Whether `t` is on the await chain from this task to `last` (both included). */
  _chainHas(t: Task<unknown>, last: Task<unknown>): boolean {
    for (let x: Task<unknown> = this as Task<unknown>; ; x = x._futWaiter as Task<unknown>) {
      if (x === t) return true;
      if (x === last) return false;
    }
  }

  /** @internal The tasks of the await chain from this task to `last`, as a set. */
  _chainUpTo(last: Task<unknown>): Set<Task<unknown>> {
    const set = new Set<Task<unknown>>();
    for (let x: Task<unknown> = this as Task<unknown>; ; x = x._futWaiter as Task<unknown>) {
      set.add(x);
      if (x === last) return set;
    }
  }

  cancelling(): number {
    return this._flags >>> CANCEL_SHIFT;
  }

  uncancel(): number {
    if (this._flags >>> CANCEL_SHIFT > 0) {
      this._flags -= CANCEL_REQUEST;
      if (this._flags >>> CANCEL_SHIFT === 0) this._flags &= ~MUST_CANCEL;
    }
    return this._flags >>> CANCEL_SHIFT;
  }

  override setResult(_value: T): never {
    throw new Error(
      'Task does not support setResult(): a task completes when its coroutine returns',
    );
  }

  override setException(_exception: unknown): never {
    throw new Error('Task does not support setException(): a task fails when its coroutine throws');
  }

  /** `<Task pending name='main' waiting=<Future pending>>` */
  override toString(): string {
    let s = `<Task ${this._describeState()} name='${this.getName()}'`;
    if (this._state === PENDING && this._futWaiter !== null) {
      s += ` waiting=${this._futWaiter.toString()}`;
    }
    return `${s}>`;
  }

  /** @internal */
  override _kind(): string {
    return 'Task';
  }

  /** @internal A task awaiting this task waits on it. */
  override _describeWait(): WaitParts {
    return { kind: 'task', text: `task '${this.getName()}'`, blockers: [this] };
  }

  /** @internal */
  override _makeCancelledError(): CancelledError {
    const s = this._state;
    let msg = this._value;
    if (s === CANCELLED && msg instanceof CancelledError) {
      // The error the coroutine raised, handed out once (asyncio's `_cancelled_exc`).
      this._value = undefined;
      return msg;
    }
    // The message (asyncio's `_cancel_message`): set by cancel() when no waiter took
    // the cancellation.
    if (s === FINISHED || s === FAILED) msg = staleCancelMessage.get(this as Task<unknown>);
    return makeCancelledError(msg as string | undefined, this._loop._debug);
  }

  /** @internal The future this task waits on completed: queue a step. */
  _onDone(fut: Waitable): void {
    // The future is `_futWaiter`; the step reads its outcome.
    this._schedule(fut);
  }

  /** @internal It now waits on `to`, a Future standing for `from` (events.ts: Waitable). */
  _rewait(from: Waitable, to: Future<unknown>): void {
    if (this._futWaiter === from) this._futWaiter = to;
  }

  /** @internal Queues a step that throws `exc` into the coroutine (or sends, for NO_EXC). */
  _scheduleStep(exc: unknown): void {
    if (exc !== NO_EXC) {
      nextThrow.set(this as Task<unknown>, exc);
      this._flags |= THROW_NEXT;
    }
    this._schedule(undefined);
  }

  /** @internal Puts the task on the ready queue (`wokenBy`: the future that woke it). */
  _schedule(wokenBy: Waitable | undefined): void {
    const loop = this._loop;
    loop._pushReady(this as Task<unknown>);
    const hk = loop._hkTaskScheduled;
    if (hk !== null) fireHook(loop, hk, 'taskScheduled', this, wokenBy?._asFuture());
  }

  /** @internal Run by the loop: one step, in the task's context. */
  _run(): void {
    let exc: unknown = NO_EXC;
    const from = this._futWaiter;
    if (from !== null) {
      // Woken by it (a step is only scheduled while it waits when it is done).
      exc = from._state === FINISHED ? NO_EXC : excOf(from);
    } else if ((this._flags & THROW_NEXT) !== 0) {
      this._flags &= ~THROW_NEXT;
      exc = nextThrow.get(this as Task<unknown>);
      nextThrow.delete(this as Task<unknown>);
    }
    const prevCtx = state.ctx;
    const prevMap = state.map;
    this._enterContext();
    try {
      this._step(exc);
    } catch (e) {
      this._loop.callExceptionHandler({
        message: `Exception in task step of ${this.toString()}`,
        exception: e,
        task: this as Task<unknown>,
      });
    } finally {
      this._leaveContext(prevCtx, prevMap);
    }
  }

  /** @internal Makes the task's context current. */
  _enterContext(): void {
    const c = this._context;
    if (c instanceof Context) {
      state.ctx = c;
      state.map = c._map;
    } else {
      state.ctx = null;
      state.map = c;
    }
  }

  /** @internal Restores the caller's context; keeps a context the step created. */
  _leaveContext(prevCtx: Context | null, prevMap: VarMap): void {
    if (!(this._context instanceof Context)) {
      const made = state.ctx;
      if (made?._snapshot) {
        // The task set a variable: the context made for it becomes the task's.
        made._snapshot = false;
        made._entered = false;
        this._context = made;
      }
    }
    exitTo(prevCtx, prevMap);
  }

  /** @internal */
  _step(exc: unknown): void {
    if (this._state !== PENDING) {
      throw new Error(`_step(): already done: ${this.toString()}`);
    }
    if ((this._flags & MUST_CANCEL) !== 0) {
      if (!(exc instanceof CancelledError)) exc = this._makeCancelledError();
      this._flags &= ~MUST_CANCEL;
    }
    this._futWaiter = null;
    const loop = this._loop;
    enterTask(loop, this as Task<unknown>);
    try {
      const before = loop._hkBeforeTaskStep;
      if (before !== null) fireHook(loop, before, 'beforeTaskStep', this);
      this._stepRun(exc);
    } finally {
      const after = loop._hkAfterTaskStep;
      if (after !== null) afterStep(loop, after, this as Task<unknown>);
      leaveTask(loop, this as Task<unknown>);
    }
  }

  /** @internal Runs the coroutine to its next yield and handles what it yielded. */
  _stepRun(exc: unknown): void {
    let r: IteratorResult<api.Suspension | undefined, T>;
    try {
      r = exc === NO_EXC ? this._coro.next(undefined) : this._coro.throw(exc);
    } catch (e) {
      if (e instanceof CancelledError) {
        this._complete(CANCELLED, e); // see `_makeCancelledError`
      } else {
        this._complete(FAILED, e);
      }
      return;
    }
    if (r.done) {
      if ((this._flags & MUST_CANCEL) !== 0) {
        // Cancelled right before the coroutine returned.
        this._flags &= ~MUST_CANCEL;
        this._complete(CANCELLED, this._value as string | undefined);
      } else {
        this._complete(FINISHED, r.value);
      }
      return;
    }
    const y: unknown = r.value;
    if (y === undefined) {
      // A bare yield gives up control for one loop iteration.
      this._scheduleStep(NO_EXC);
    } else if (
      y instanceof Future ||
      // A Waitable that is not a Future (a sleep) is one only when yielded by `yield*`;
      // yielded bare, it is a coroutine (the error below says so).
      (isBrandedWaitable(y) && (y._flags & BLOCKING) !== 0)
    ) {
      if (y._loop !== this._loop) {
        this._scheduleStep(
          new TypeError(
            `Task ${this.toString()} got Future ${y.toString()} attached to a different loop`,
          ),
        );
      } else if ((y._flags & BLOCKING) === 0) {
        this._scheduleStep(
          new TypeError(
            `yield was used instead of yield* in task ${this.toString()} with ${y.toString()}: ` +
              'write `yield* fut` to await a future',
          ),
        );
      } else if (y === (this as Waitable)) {
        y._flags &= ~BLOCKING;
        this._scheduleStep(new TypeError(`Task cannot await on itself: ${this.toString()}`));
      } else {
        y._flags &= ~BLOCKING;
        y._addWaker(this as Task<unknown>);
        this._futWaiter = y;
        if ((this._flags & MUST_CANCEL) !== 0 && y.cancel(this._value as string | undefined)) {
          this._flags &= ~MUST_CANCEL;
        }
      }
    } else if (isGeneratorObject(y)) {
      this._scheduleStep(
        new TypeError(
          `yield was used instead of yield* for a coroutine in task ${this.toString()}: ` +
            'write `yield* coro` to run a coroutine',
        ),
      );
    } else {
      this._scheduleStep(
        new TypeError(
          `Task got bad yield: ${repr(y)} (a coroutine may only yield* futures, tasks and ` +
            'coroutines, or yield nothing to give up control for one iteration)',
        ),
      );
    }
  }

  /** @internal Completes the task itself (Future's guardless transition). */
  _complete(s: typeof FINISHED | typeof FAILED | typeof CANCELLED, value: unknown): void {
    const loop = this._loop;
    if (s !== CANCELLED && this._value !== undefined) {
      staleCancelMessage.set(this as Task<unknown>, this._value);
    }
    unregisterTask(loop, this as Task<unknown>);
    if (s === FAILED) this._fail(value);
    else this._finish(s, value);
    const hk = loop._hkTaskDone;
    if (hk !== null) fireHook(loop, hk, 'taskDone', this);
  }

  /** @internal Runs the first step now, synchronously (eager start). */
  _eagerStart(): void {
    const loop = this._loop;
    const prevTask = swapCurrentTask(loop, this as Task<unknown>);
    const prevCtx = state.ctx;
    const prevMap = state.map;
    this._enterContext();
    try {
      const before = loop._hkBeforeTaskStep;
      if (before !== null) fireHook(loop, before, 'beforeTaskStep', this);
      this._stepRun(NO_EXC);
    } finally {
      const after = loop._hkAfterTaskStep;
      if (after !== null) afterStep(loop, after, this as Task<unknown>);
      this._leaveContext(prevCtx, prevMap);
      swapCurrentTask(loop, prevTask);
    }
  }
}

/** Fires `afterTaskStep`, marking the step as ended for `describeWait` meanwhile. */
function afterStep(loop: LoopInternals, hooks: api.Instrument[], task: api.Task<unknown>): void {
  const prev = loop._stepEnded;
  loop._stepEnded = task;
  try {
    fireHook(loop, hooks, 'afterTaskStep', task);
  } finally {
    loop._stepEnded = prev;
  }
}

/** The exception a done (failed or cancelled) future delivers to its awaiter. */
function excOf(fut: Waitable): unknown {
  if (fut._state === CANCELLED) return fut._makeCancelledError();
  fut._retrieved();
  return fut._value;
}

// ---- the task registry ----------------------------------------------------------------
//
// CPython keeps `_register_task`, `_enter_task`, `_leave_task` and `_swap_current_task`
// in tasks.py; here they are too. The data lives on the loop (events.ts declares the
// fields: `_currentTask`, and the registry of pending tasks, which the loop holds
// strongly until they are done); only these functions touch it.
//
// The registry keeps registration order (allTasks(), and run() cancels leftovers in
// that order) without touching any other task when one leaves: each task gets the next
// number (`_slot`), and slot `n` is entry `n % CHUNK` of chunk
// `(n - _taskBase) / CHUNK` (`_taskBase` is a multiple of CHUNK). Leaving blanks the slot and counts the chunk down;
// a chunk whose slots were all handed out and are all blank again is dropped (and the
// leading ones are removed, moving `_taskBase` up). Where a linked list touches both
// neighbours of a task that finishes (two cache misses each, at a million tasks
// finishing in random order), this touches one slot of a small array.

const CHUNK = 1024;
const CHUNK_MASK = CHUNK - 1;

/** @internal Adds a pending task after the others (a no-op if registered). */
export function registerTask(loop: LoopInternals, task: ListedTask): void {
  if (task._slot >= 0) return;
  const n = loop._taskNextSlot++;
  task._slot = n;
  const c = Math.floor((n - loop._taskBase) / CHUNK); // (not >>: numbers pass 2^31 in time)
  const chunks = loop._taskChunks;
  if (c === chunks.length) {
    chunks.push(new Array<ListedTask | null>(CHUNK).fill(null));
    loop._taskLive.push(0);
  }
  (chunks[c] as Array<ListedTask | null>)[n & CHUNK_MASK] = task;
  loop._taskLive[c] = (loop._taskLive[c] as number) + 1;
  loop._taskCount++;
}

/** @internal Removes a task from the registry, if it is in it. */
export function unregisterTask(loop: LoopInternals, task: ListedTask): void {
  const n = task._slot;
  if (n < 0) return;
  task._slot = -1;
  loop._taskCount--;
  const chunks = loop._taskChunks;
  const live = loop._taskLive;
  const c = Math.floor((n - loop._taskBase) / CHUNK);
  (chunks[c] as Array<ListedTask | null>)[n & CHUNK_MASK] = null;
  const left = (live[c] as number) - 1;
  live[c] = left;
  // Drop the chunk once empty for good: every slot of it handed out.
  if (left === 0 && loop._taskNextSlot >= loop._taskBase + (c + 1) * CHUNK) {
    chunks[c] = null;
    let k = 0;
    while (k < chunks.length && chunks[k] === null) k++;
    if (k > 0) {
      chunks.splice(0, k);
      live.splice(0, k);
      loop._taskBase += k * CHUNK;
    }
  }
}

/** @internal The loop's pending tasks, oldest (first registered) first. */
export function pendingTasks(loop: LoopInternals): Task<unknown>[] {
  const out = new Array<Task<unknown>>(loop._taskCount);
  let i = 0;
  for (const chunk of loop._taskChunks) {
    if (chunk === null) continue;
    for (let k = 0; k < CHUNK; k++) {
      const t = chunk[k];
      if (t !== null && t !== undefined) out[i++] = t as Task<unknown>;
    }
  }
  out.length = i;
  return out;
}

/** @internal Makes `task` the current task of `loop` for one step. */
export function enterTask(loop: LoopInternals, task: Task<unknown>): void {
  const cur = loop._currentTask;
  if (cur !== null) {
    throw new Error(
      `Cannot enter into task ${task.toString()} while another task ${cur.toString()} is being executed.`,
    );
  }
  loop._currentTask = task;
}

/** @internal Ends the step of `task`, the current task of `loop`. */
export function leaveTask(loop: LoopInternals, task: Task<unknown>): void {
  const cur = loop._currentTask;
  if (cur !== task) {
    throw new Error(
      `Leaving task ${task.toString()} does not match the current task ${String(cur)}.`,
    );
  }
  loop._currentTask = null;
}

/** @internal Sets the current task of `loop` (eager starts nest) and returns the previous one. */
export function swapCurrentTask(
  loop: LoopInternals,
  task: api.Task<unknown> | null,
): api.Task<unknown> | null {
  const prev = loop._currentTask;
  loop._currentTask = task;
  return prev;
}
