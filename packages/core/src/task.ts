/**
 * Task: a Future that drives a coroutine (a generator object) on its loop.
 *
 * Invariant (as asyncio's): while a task is pending, either `_futWaiter` is a
 * pending future whose callbacks hold the task (it sleeps), or the task itself
 * is in the loop's ready queue exactly once (its step is scheduled). The task is
 * its own ready-queue entry: scheduling a step allocates nothing.
 *
 * @module
 */

import { Context, type VarMap, captureMap, exitTo, state } from './contextvars';
import type { EventLoop } from './eventLoop';
import { CancelledError, makeCancelledError } from './exceptions';
import { isGeneratorObject, repr } from './format';
import {
  BLOCKING,
  CANCELLED,
  type DoneWaker,
  FAILED,
  FINISHED,
  Future,
  LOG_TRACEBACK,
  MUST_CANCEL,
  PENDING,
} from './future';
import { getRunningLoop } from './runningLoop';
import type { Coro, TaskOptions } from './types';

/** @internal No exception to throw into the coroutine: send instead. */
export const NO_EXC: unique symbol = Symbol('NO_EXC');
// A task's `_flags` counts its pending cancellation requests above the flag bits.
const CANCEL_SHIFT = 3;
const CANCEL_REQUEST = 1 << CANCEL_SHIFT;

/** The step wakes the task from its `_futWaiter`, which is done. */
const WAKE: unique symbol = Symbol('WAKE');

let taskCounter = 0;

/**
 * A coroutine running on an event loop. Created with `createTask(coro)` (or
 * `loop.createTask`); its first step runs in the next loop iteration unless it is
 * started eagerly. `yield* task` waits for it and evaluates to its result.
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const task = createTask(sayAfter(1000, 'hello'), { name: 'greeter' });
 *   yield* task; // 'hello' after one second
 * }
 * ```
 */
export class Task<T = unknown> extends Future<T> implements DoneWaker {
  /** @internal */ _coro: Coro<T>;
  /**
   * @internal The task's context: a Context (explicit, or made when the task first
   * set a variable), or until then the variables captured at creation (a map):
   * the copy is made on write.
   */
  _context: Context | VarMap;
  /** @internal the loop's list of pending tasks */ _prevTask: Task<unknown> | null = null;
  /** @internal undefined while not in the loop's list */ _nextTask:
    | Task<unknown>
    | null
    | undefined = undefined;
  /** @internal a string, or the number of an unnamed task */ _name: string | number;
  /**
   * @internal While pending: the message of a cancellation due at the next step
   * (asyncio's `_cancel_message`). Once the coroutine raised CancelledError: that
   * error, handed out once by `result()` (asyncio's `_cancelled_exc`).
   */
  _cancelAux: string | undefined | CancelledError = undefined;
  /** @internal the future this task sleeps on */ _futWaiter: Future<unknown> | null = null;
  /** @internal what the next step throws into the coroutine */ _stepExc: unknown = NO_EXC;

  /**
   * Wraps `coro` in a task on `opts.loop` (or the running loop) and schedules its
   * first step. Prefer `createTask(coro)`.
   *
   * @throws TypeError if `coro` is not a coroutine (a generator object).
   * @example
   * ```ts
   * const task = new Task(main(), { loop, name: 'main' });
   * ```
   */
  constructor(coro: Coro<T>, opts?: TaskOptions & { loop?: EventLoop }) {
    if (!isGeneratorObject(coro)) {
      throw new TypeError(
        `Task(): a coroutine (generator object) was expected, got ${repr(coro)}` +
          (typeof coro === 'function'
            ? ` — call it: ${(coro as { name: string }).name || 'fn'}()`
            : ''),
      );
    }
    const loop = opts?.loop ?? getRunningLoop();
    loop._checkClosed();
    super({ loop });
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
    if (opts?.eagerStart && loop._isRunningNow()) {
      this._eagerStart();
    } else {
      loop._pushReady(this);
      loop._registerTask(this as Task<unknown>);
    }
  }

  /**
   * The task's name (`Task-<n>` unless one was given).
   *
   * @example
   * ```ts
   * createTask(main(), { name: 'main' }).getName(); // 'main'
   * ```
   */
  getName(): string {
    const n = this._name;
    return typeof n === 'number' ? (this._name = `Task-${n}`) : n;
  }

  /**
   * Renames the task.
   *
   * @example
   * ```ts
   * task.setName('fetcher');
   * ```
   */
  setName(name: string): void {
    this._name = String(name);
  }

  /**
   * The coroutine the task drives.
   *
   * @example
   * ```ts
   * task.getCoro();
   * ```
   */
  getCoro(): Coro<T> {
    return this._coro;
  }

  /**
   * The context the task runs in.
   *
   * @example
   * ```ts
   * task.getContext().get(requestId);
   * ```
   */
  getContext(): Context {
    const c = this._context;
    if (c instanceof Context) return c;
    const ctx = new Context(c);
    this._context = ctx;
    return ctx;
  }

  /**
   * Requests cancellation: the future the task waits on is cancelled, and a
   * `CancelledError` (with `msg`) is thrown into the coroutine at its `yield*`.
   * A task that catches it and carries on finishes normally. Returns `false` if
   * the task is already done. Each call counts in {@link Task.cancelling}.
   *
   * @example
   * ```ts
   * task.cancel('shutting down');
   * ```
   */
  override cancel(msg?: string): boolean {
    this._flags &= ~LOG_TRACEBACK;
    if (this._state !== PENDING) return false;
    this._flags += CANCEL_REQUEST; // the count lives above the flag bits
    const waiter = this._futWaiter;
    if (waiter?.cancel(msg)) {
      // Keep _futWaiter: it may be a task that ignores cancellation and must be
      // cancelled again later.
      return true;
    }
    // The step is already scheduled: it will throw the CancelledError.
    this._flags |= MUST_CANCEL;
    this._cancelAux = msg;
    return true;
  }

  /**
   * How many cancellation requests are pending (`cancel()` calls not yet
   * matched by `uncancel()`).
   *
   * @example
   * ```ts
   * task.cancel();
   * task.cancelling(); // 1
   * ```
   */
  cancelling(): number {
    return this._flags >>> CANCEL_SHIFT;
  }

  /**
   * Decrements the count of cancellation requests and returns it. At zero, a
   * cancellation that has not been delivered yet is withdrawn.
   *
   * @example
   * ```ts
   * task.uncancel(); // 0
   * ```
   */
  uncancel(): number {
    if (this._flags >>> CANCEL_SHIFT > 0) {
      this._flags -= CANCEL_REQUEST;
      if (this._flags >>> CANCEL_SHIFT === 0) this._flags &= ~MUST_CANCEL;
    }
    return this._flags >>> CANCEL_SHIFT;
  }

  /**
   * Tasks complete themselves.
   *
   * @throws Error always.
   */
  override setResult(_value: T): never {
    throw new Error(
      'Task does not support setResult(): a task completes when its coroutine returns',
    );
  }

  /**
   * Tasks complete themselves.
   *
   * @throws Error always.
   */
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

  /** @internal */
  override _makeCancelledError(): CancelledError {
    const aux = this._cancelAux;
    if (aux instanceof CancelledError) {
      this._cancelAux = undefined;
      return aux;
    }
    // CPython's _cancel_message: set by cancel() when no waiter took the
    // cancellation, reset when the coroutine itself raised CancelledError.
    const msg = this._state === CANCELLED ? (this._value as string | undefined) : aux;
    return makeCancelledError(msg, this._loop._debug);
  }

  /** @internal The future this task waits on completed: queue a step. */
  _onDone(_fut: Future<unknown>): void {
    // The future is `_futWaiter`; the step reads its outcome.
    this._stepExc = WAKE;
    this._loop._pushReady(this as Task<unknown>);
  }

  /** @internal Queues a step that throws `exc` into the coroutine (or sends, for NO_EXC). */
  _scheduleStep(exc: unknown): void {
    this._stepExc = exc;
    this._loop._pushReady(this as Task<unknown>);
  }

  /** @internal Run by the loop: one step, in the task's context. */
  _run(): void {
    let exc = this._stepExc;
    this._stepExc = NO_EXC;
    if (exc === WAKE) {
      const from = this._futWaiter as Future<unknown>;
      exc = from._state === FINISHED ? NO_EXC : excOf(from);
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
    loop._enterTask(this as Task<unknown>);
    try {
      this._stepRun(exc);
    } finally {
      loop._leaveTask(this as Task<unknown>);
    }
  }

  /** @internal Runs the coroutine to its next yield and handles what it yielded. */
  _stepRun(exc: unknown): void {
    let r: IteratorResult<Future<unknown> | undefined, T>;
    try {
      r = exc === NO_EXC ? this._coro.next(undefined) : this._coro.throw(exc);
    } catch (e) {
      if (e instanceof CancelledError) {
        this._cancelAux = e;
        this._complete(CANCELLED, undefined);
      } else {
        this._complete(FAILED, e);
      }
      return;
    }
    if (r.done) {
      if ((this._flags & MUST_CANCEL) !== 0) {
        // Cancelled right before the coroutine returned.
        this._flags &= ~MUST_CANCEL;
        this._complete(CANCELLED, this._cancelAux as string | undefined);
      } else {
        this._complete(FINISHED, r.value);
      }
      return;
    }
    const y: unknown = r.value;
    if (y === undefined) {
      // A bare yield gives up control for one loop iteration.
      this._scheduleStep(NO_EXC);
    } else if (y instanceof Future) {
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
      } else if (y === (this as Future<unknown>)) {
        y._flags &= ~BLOCKING;
        this._scheduleStep(new TypeError(`Task cannot await on itself: ${this.toString()}`));
      } else {
        y._flags &= ~BLOCKING;
        y._addWaker(this as Task<unknown>);
        this._futWaiter = y;
        if ((this._flags & MUST_CANCEL) !== 0 && y.cancel(this._cancelAux as string | undefined)) {
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
    this._loop._unregisterTask(this as Task<unknown>);
    if (s === FAILED) this._fail(value);
    else this._finish(s, value);
  }

  /** @internal Runs the first step now, synchronously (eager start). */
  _eagerStart(): void {
    const loop = this._loop;
    const prevTask = loop._swapCurrentTask(this as Task<unknown>);
    const prevCtx = state.ctx;
    const prevMap = state.map;
    this._enterContext();
    try {
      this._stepRun(NO_EXC);
    } finally {
      this._leaveContext(prevCtx, prevMap);
      loop._swapCurrentTask(prevTask);
      if (this._state === PENDING) loop._registerTask(this as Task<unknown>);
    }
  }
}

/** The exception a done (failed or cancelled) future delivers to its awaiter. */
function excOf(fut: Future<unknown>): unknown {
  if (fut._state === CANCELLED) return fut._makeCancelledError();
  fut._retrieved();
  return fut._value;
}
