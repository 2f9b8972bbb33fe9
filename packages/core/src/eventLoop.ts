/**
 * EventLoop: the scheduler. It owns the ready queue (a ring buffer of handles and
 * tasks), the timer heap, the exception handler, and the way the loop lives
 * inside the JavaScript host.
 *
 * The scheduling law: only `#runOnce` calls callbacks; everything else queues
 * them. One iteration runs the callbacks that were ready when it began plus the
 * timers that are due; what they schedule waits for the next iteration.
 *
 * Living in the host: `runForever`/`runUntilComplete` run iterations in batches,
 * synchronously, until the loop stops, has nothing ready, or has used its time
 * slice. When idle it lets the clock jump (a virtual clock) or arms one host
 * timer for its earliest deadline through the clock, and returns to the host;
 * a callback queued from outside (a settled native promise) wakes it with a
 * microtask. A slice that runs out yields with a macrotask, so a task spinning on
 * `sleep(0)` never starves host timers or I/O.
 *
 * @module
 */

import { type Clock, type IdleInfo, hostNow, realClock, scheduleMacrotask } from './clock';
import type { Context, VarMap } from './contextvars';
import { ensureFutureOn } from './ensureFuture';
import { repr } from './format';
import { CANCELLED, FINISHED, Future, PENDING } from './future';
import { Handle, TimerHandle } from './handles';
import { RingQueue } from './ringQueue';
import { peekRunningLoop, swapRunningLoop } from './runningLoop';
import { Task } from './task';
import { TimerHeap } from './timerHeap';
import type {
  Awaitable,
  Coro,
  ExceptionContext,
  ExceptionHandler,
  TaskFactory,
  TaskOptions,
} from './types';

/** What the ready queue holds: a handle or a task (its own step). @internal */
export interface Runnable {
  _run(): void;
}

// Host time a batch may run before yielding to the host with a macrotask.
const SLICE_MS = 8;
// asyncio's rule for compacting the timer heap.
const MIN_SCHEDULED_TIMER_HANDLES = 100;
// How many tasks an error message names at most.
const MAX_TASKS_NAMED = 20;

function checkCallback(fn: unknown, method: string): void {
  if (typeof fn !== 'function') {
    throw new TypeError(`${method}(): callback must be a function, got ${repr(fn)}`);
  }
}

function checkTime(x: unknown, method: string, arg: string): void {
  if (typeof x !== 'number') {
    throw new TypeError(`${method}(): ${arg} must be a number (milliseconds), got ${repr(x)}`);
  }
  if (Number.isNaN(x)) throw new RangeError(`${method}(): ${arg} must not be NaN`);
}

/** Stops the loop once the future given to runUntilComplete is done. */
function runUntilCompleteCb(fut: Future<unknown>): void {
  if (!fut.cancelled()) fut.exception();
  fut._loop.stop();
}

/**
 * An asyncio event loop: runs callbacks, timers and tasks, one iteration at a
 * time, on a {@link Clock} (the real clock unless another is given).
 *
 * Most programs never touch a loop: `run(main())` makes one, runs `main` and
 * closes it. Use a loop directly to schedule callbacks or to run several things
 * on one loop.
 *
 * @example
 * ```ts
 * const loop = new EventLoop();
 * loop.callLater(100, () => console.log('later'));
 * loop.callSoon(() => console.log('soon'));
 * await loop.runUntilComplete(sleep(200)); // soon, later
 * loop.close();
 * ```
 */
export class EventLoop {
  /**
   * In debug mode, callbacks that take at least this long (ms, on the loop's
   * clock) are reported with `console.warn`.
   */
  slowCallbackDuration = 100;

  /** @internal */ _clock: Clock;
  /** @internal */ _debug: boolean;
  /** @internal */ _ready = new RingQueue<Runnable>(64);
  /** @internal */ _timers = new TimerHeap<TimerHandle>();
  /** @internal */ _timerSeq = 0;
  /** @internal */ _timerCancelledCount = 0;
  /** @internal */ _stopping = false;
  /** @internal */ _closed = false;
  /** @internal */ _running = false;
  /** @internal */ _exceptionHandler: ExceptionHandler | null = null;
  /** @internal */ _taskFactory: TaskFactory | null = null;
  /** @internal */ _currentTask: Task<unknown> | null = null;
  /** @internal pending tasks, held strongly until done: an intrusive list */
  _taskHead: Task<unknown> | null = null;
  /** @internal */ _taskTail: Task<unknown> | null = null;
  /** @internal */ _taskCount = 0;
  /** @internal pending host operations (wrapped promises) */ _hostPending = 0;

  #inBatch = false;
  #idle = false;
  #wakeScheduled = false;
  #hostTimer: unknown = undefined;
  #hostTimerSet = false;
  #sliceStart = 0;
  #onStopped: (() => void) | null = null;
  #onFailed: ((e: unknown) => void) | null = null;
  readonly #idleInfo: { hostPending: number; loop: EventLoop };
  readonly #loopOpts: { loop: EventLoop };
  // One bound function each, made once: the host calls them.
  readonly #driveFromHost = (): void => {
    this.#sliceStart = hostNow();
    this.#runBatch();
  };
  readonly #driveFromMicrotask = (): void => {
    this.#runBatch();
  };

  /**
   * A new loop, not running yet.
   *
   * @example
   * ```ts
   * const loop = new EventLoop({ debug: true });
   * ```
   */
  constructor(opts?: { clock?: Clock; debug?: boolean }) {
    const clock = opts?.clock ?? realClock;
    if (
      clock === null ||
      typeof clock !== 'object' ||
      typeof clock.now !== 'function' ||
      typeof clock.setTimer !== 'function' ||
      typeof clock.clearTimer !== 'function'
    ) {
      throw new TypeError(
        `EventLoop(): clock must implement the Clock interface (now, setTimer, clearTimer), got ${repr(clock)}`,
      );
    }
    this._clock = clock;
    this._debug = opts?.debug === true;
    this.#idleInfo = { hostPending: 0, loop: this };
    this.#loopOpts = { loop: this };
  }

  /**
   * The loop's time in milliseconds, read from its clock.
   *
   * @example
   * ```ts
   * const start = loop.time();
   * ```
   */
  time(): number {
    return this._clock.now();
  }

  /**
   * Schedules `cb(...args)` to run in the next iteration, after the callbacks
   * already scheduled (FIFO), in a copy of the current context.
   *
   * @throws TypeError if `cb` is not a function; Error if the loop is closed.
   * @example
   * ```ts
   * loop.callSoon((name) => console.log(`hello ${name}`), 'world');
   * ```
   */
  callSoon<A extends unknown[]>(cb: (...args: A) => unknown, ...args: A): Handle {
    this._checkClosed();
    checkCallback(cb, 'callSoon');
    const h = new Handle(
      cb as (...a: never[]) => unknown,
      args.length === 0 ? null : args,
      this,
      null,
    );
    this._pushReady(h);
    return h;
  }

  /**
   * Schedules `cb(...args)` to run `delayMs` milliseconds from now. Timers with
   * the same deadline run in the order they were scheduled.
   *
   * @throws TypeError / RangeError for a bad `delayMs` (not a number, NaN).
   * @example
   * ```ts
   * const h = loop.callLater(1000, () => console.log('a second later'));
   * ```
   */
  callLater<A extends unknown[]>(
    delayMs: number,
    cb: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    checkTime(delayMs, 'callLater', 'delayMs');
    return this.#callAt(this._clock.now() + delayMs, cb, args, 'callLater');
  }

  /**
   * Schedules `cb(...args)` to run when `loop.time()` reaches `whenMs`.
   *
   * @throws TypeError / RangeError for a bad `whenMs`.
   * @example
   * ```ts
   * loop.callAt(loop.time() + 500, () => console.log('half a second later'));
   * ```
   */
  callAt<A extends unknown[]>(
    whenMs: number,
    cb: (...args: A) => unknown,
    ...args: A
  ): TimerHandle {
    checkTime(whenMs, 'callAt', 'whenMs');
    return this.#callAt(whenMs, cb, args, 'callAt');
  }

  #callAt(when: number, cb: unknown, args: unknown[], method: string): TimerHandle {
    this._checkClosed();
    checkCallback(cb, method);
    const t = new TimerHandle(
      when,
      this._timerSeq++,
      cb as (...a: never[]) => unknown,
      args.length === 0 ? null : args,
      this,
      null,
    );
    return this.#schedule(t);
  }

  /** @internal `callLater(delayMs, cb, arg)` without an arguments array (sleep). */
  _callLaterSingle(delayMs: number, cb: (arg: never) => unknown, arg: unknown): TimerHandle {
    this._checkClosed();
    const t = new TimerHandle(
      this._clock.now() + delayMs,
      this._timerSeq++,
      cb as (...a: never[]) => unknown,
      null,
      this,
      null,
    );
    t._args = arg;
    t._argc = 1;
    return this.#schedule(t);
  }

  #schedule(t: TimerHandle): TimerHandle {
    t._scheduled = true;
    this._timers.push(t);
    if (this.#idle) this.#wake();
    return t;
  }

  /**
   * A new pending future bound to this loop.
   *
   * @example
   * ```ts
   * const fut = loop.createFuture<number>();
   * ```
   */
  createFuture<T>(): Future<T> {
    return new Future<T>(this.#loopOpts);
  }

  /**
   * Wraps `coro` in a task on this loop (through the task factory, if one is set).
   *
   * @throws TypeError if `coro` is not a coroutine; Error if the loop is closed.
   * @example
   * ```ts
   * const task = loop.createTask(main(), { name: 'main' });
   * ```
   */
  createTask<T>(coro: Coro<T>, opts?: TaskOptions): Task<T> {
    this._checkClosed();
    const factory = this._taskFactory;
    if (factory !== null) return factory(this, coro, opts);
    return new Task<T>(coro, opts === undefined ? this.#loopOpts : { ...opts, loop: this });
  }

  /**
   * Sets the factory `createTask` uses; `null` restores the default.
   *
   * @example
   * ```ts
   * loop.setTaskFactory(eagerTaskFactory);
   * ```
   */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== 'function') {
      throw new TypeError(
        `setTaskFactory(): factory must be a function or null, got ${repr(factory)}`,
      );
    }
    this._taskFactory = factory;
  }

  /**
   * The task factory, or `null` for the default.
   *
   * @example
   * ```ts
   * loop.getTaskFactory(); // null
   * ```
   */
  getTaskFactory(): TaskFactory | null {
    return this._taskFactory;
  }

  /**
   * Runs the loop until `aw` is done; resolves with its result or rejects with its
   * error. A coroutine is wrapped in a task; a native promise is wrapped with
   * `wrapPromise`.
   *
   * @throws Error if the loop is closed or already running, or another loop is
   * running; rejects if the loop is stopped before `aw` is done.
   * @example
   * ```ts
   * const n = await loop.runUntilComplete(compute());
   * ```
   */
  runUntilComplete<T>(aw: Future<T>): Promise<T>;
  runUntilComplete<T>(aw: Coro<T>): Promise<T>;
  runUntilComplete<T>(aw: PromiseLike<T>): Promise<T>;
  runUntilComplete<T>(aw: Awaitable<T> | PromiseLike<T>): Promise<T> {
    this._checkClosed();
    this.#checkRunning();
    const newTask = !(aw instanceof Future);
    const fut = ensureFutureOn(aw, this) as Future<T>;
    fut.addDoneCallback(runUntilCompleteCb);
    return new Promise<T>((resolve, reject) => {
      const cleanup = (): void => {
        fut.removeDoneCallback(runUntilCompleteCb);
      };
      this.#start(
        () => {
          cleanup();
          const s = fut._state;
          if (s === PENDING) reject(new Error('Event loop stopped before Future completed.'));
          else if (s === FINISHED) resolve(fut._value as T);
          else if (s === CANCELLED) reject(fut._makeCancelledError());
          else {
            fut._retrieved();
            reject(fut._value);
          }
        },
        (e) => {
          cleanup();
          if (newTask && fut.done() && !fut.cancelled()) fut.exception();
          reject(e);
        },
      );
    });
  }

  /**
   * Runs the loop until `stop()` is called; resolves then.
   *
   * @throws Error if the loop is closed or already running.
   * @example
   * ```ts
   * loop.callLater(1000, () => loop.stop());
   * await loop.runForever();
   * ```
   */
  runForever(): Promise<void> {
    this._checkClosed();
    this.#checkRunning();
    return new Promise<void>((resolve, reject) => {
      this.#start(resolve, reject);
    });
  }

  /**
   * Stops the loop at the end of the current iteration. Called while the loop is
   * not running, the next run does one iteration and stops.
   *
   * @example
   * ```ts
   * loop.callSoon(() => loop.stop());
   * ```
   */
  stop(): void {
    this._stopping = true;
    if (this.#idle) this.#wake();
  }

  /**
   * Whether the loop is running (inside `runForever` / `runUntilComplete`).
   *
   * @example
   * ```ts
   * loop.isRunning(); // false
   * ```
   */
  isRunning(): boolean {
    return this._running;
  }

  /**
   * Whether the loop is closed.
   *
   * @example
   * ```ts
   * loop.close();
   * loop.isClosed(); // true
   * ```
   */
  isClosed(): boolean {
    return this._closed;
  }

  /**
   * Closes the loop: drops pending callbacks and timers. A closed loop cannot run
   * or schedule anything. Closing twice does nothing.
   *
   * @throws Error if the loop is running.
   * @example
   * ```ts
   * loop.close();
   * ```
   */
  close(): void {
    if (this._running) throw new Error('Cannot close a running event loop: stop it first');
    if (this._closed) return;
    this._closed = true;
    this._ready.clear();
    for (const t of this._timers.items) t._scheduled = false;
    this._timers.clear();
    this._timerCancelledCount = 0;
    this.#clearHostTimer();
  }

  /**
   * Sets the handler for errors nobody else can catch (a callback that throws, an
   * exception never retrieved); `null` restores the default, which logs with
   * `console.error`.
   *
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, ctx) => reportError(ctx.exception));
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function') {
      throw new TypeError(
        `setExceptionHandler(): handler must be a function or null, got ${repr(handler)}`,
      );
    }
    this._exceptionHandler = handler;
  }

  /**
   * The exception handler, or `null` for the default.
   *
   * @example
   * ```ts
   * loop.getExceptionHandler(); // null
   * ```
   */
  getExceptionHandler(): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  /**
   * Logs `context` with `console.error`: its message, the other fields, and the
   * exception with its stack.
   *
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, ctx) => {
   *   if (!isCancelledError(ctx.exception)) loop.defaultExceptionHandler(ctx);
   * });
   * ```
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || 'Unhandled exception in event loop'];
    for (const key of Object.keys(context)) {
      if (key === 'message' || key === 'exception') continue;
      lines.push(`${key}: ${repr(context[key])}`);
    }
    if ('exception' in context) console.error(lines.join('\n'), context.exception);
    else console.error(lines.join('\n'));
  }

  /**
   * Calls the exception handler with `context`. A handler that throws is reported
   * by the default handler; nothing escapes to the caller.
   *
   * @example
   * ```ts
   * loop.callExceptionHandler({ message: 'lost a connection', exception: err });
   * ```
   */
  callExceptionHandler(context: ExceptionContext): void {
    const handler = this._exceptionHandler;
    if (handler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (e) {
        console.error('Exception in default exception handler', e);
      }
      return;
    }
    try {
      handler(this, context);
    } catch (e) {
      try {
        this.defaultExceptionHandler({
          message: 'Unhandled error in exception handler',
          exception: e,
          context,
        });
      } catch (e2) {
        console.error(
          'Exception in default exception handler while handling an error in a custom exception handler',
          e2,
        );
      }
    }
  }

  /**
   * Turns debug mode on or off: stack traces for cancellations and warnings for
   * slow callbacks.
   *
   * @example
   * ```ts
   * loop.setDebug(true);
   * ```
   */
  setDebug(enabled: boolean): void {
    this._debug = Boolean(enabled);
  }

  /**
   * Whether debug mode is on.
   *
   * @example
   * ```ts
   * loop.getDebug(); // false
   * ```
   */
  getDebug(): boolean {
    return this._debug;
  }

  /** `<EventLoop running=false closed=false debug=false>` */
  toString(): string {
    return `<EventLoop running=${this._running} closed=${this._closed} debug=${this._debug}>`;
  }

  // ---- package-internal ---------------------------------------------------

  /** @internal */
  _checkClosed(): void {
    if (this._closed) throw new Error('Event loop is closed');
  }

  /** @internal Queues a runnable; wakes the loop if it is idle in the host. */
  _pushReady(r: Runnable): void {
    this._ready.push(r);
    if (this.#idle) this.#wake();
  }

  /** @internal Queues `cb(arg)` (a done-callback) without an args array. */
  _callSoonInternal(
    cb: (arg: never) => unknown,
    arg: unknown,
    context: Context | null,
    map: VarMap,
  ): void {
    this._checkClosed();
    this._pushReady(Handle._single(cb, arg, this, context, map));
  }

  /** @internal A scheduled timer was cancelled. */
  _timerHandleCancelled(): void {
    this._timerCancelledCount++;
  }

  /** @internal Whether this loop is running a callback right now. */
  _isRunningNow(): boolean {
    return peekRunningLoop() === this;
  }

  /** @internal Adds a pending task to the loop's list (it holds it strongly). */
  _registerTask(task: Task<unknown>): void {
    if (task._nextTask !== undefined) return;
    const tail = this._taskTail;
    task._prevTask = tail;
    task._nextTask = null;
    if (tail === null) this._taskHead = task;
    else tail._nextTask = task;
    this._taskTail = task;
    this._taskCount++;
  }

  /** @internal Removes a task from the list, if it is in it. */
  _unregisterTask(task: Task<unknown>): void {
    const next = task._nextTask;
    if (next === undefined) return;
    const prev = task._prevTask;
    if (prev === null) this._taskHead = next;
    else prev._nextTask = next;
    if (next === null) this._taskTail = prev;
    else next._prevTask = prev;
    task._prevTask = null;
    task._nextTask = undefined;
    this._taskCount--;
  }

  /** @internal The pending tasks, oldest first. */
  _pendingTasks(): Task<unknown>[] {
    const out = new Array<Task<unknown>>(this._taskCount);
    let i = 0;
    for (let t = this._taskHead; t !== null; t = t._nextTask as Task<unknown> | null) out[i++] = t;
    out.length = i;
    return out;
  }

  /** @internal */
  _enterTask(task: Task<unknown>): void {
    const cur = this._currentTask;
    if (cur !== null) {
      throw new Error(
        `Cannot enter into task ${task.toString()} while another task ${cur.toString()} is being executed.`,
      );
    }
    this._currentTask = task;
  }

  /** @internal */
  _leaveTask(task: Task<unknown>): void {
    const cur = this._currentTask;
    if (cur !== task) {
      throw new Error(
        `Leaving task ${task.toString()} does not match the current task ${String(cur)}.`,
      );
    }
    this._currentTask = null;
  }

  /** @internal */
  _swapCurrentTask(task: Task<unknown> | null): Task<unknown> | null {
    const prev = this._currentTask;
    this._currentTask = task;
    return prev;
  }

  /**
   * @internal Runs the loop synchronously until `fut` is done (runSync). Throws
   * when it would have to wait for the host.
   */
  _runUntilCompleteSync<T>(fut: Future<T>): void {
    this._checkClosed();
    this.#checkRunning();
    fut.addDoneCallback(runUntilCompleteCb);
    this._running = true;
    const prev = swapRunningLoop(this);
    this.#inBatch = true;
    try {
      this.#iterate(true);
    } finally {
      this.#inBatch = false;
      swapRunningLoop(prev);
      this._running = false;
      this._stopping = false;
      fut.removeDoneCallback(runUntilCompleteCb);
    }
  }

  // ---- running --------------------------------------------------------------

  #checkRunning(): void {
    if (this._running) throw new Error('This event loop is already running');
    if (peekRunningLoop() !== null) {
      throw new Error(
        'Cannot run the event loop while another loop is running: use yield* or createTask() inside a coroutine',
      );
    }
  }

  #start(onStopped: () => void, onFailed: (e: unknown) => void): void {
    this._running = true;
    this.#onStopped = onStopped;
    this.#onFailed = onFailed;
    this.#sliceStart = hostNow();
    this.#runBatch();
  }

  #end(): void {
    this._running = false;
    this._stopping = false;
    this.#idle = false;
    this.#clearHostTimer();
    this.#onStopped = null;
    this.#onFailed = null;
  }

  /** Wakes an idle loop from the host. */
  #wake(): void {
    if (this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    this.#idle = false;
    if (hostNow() - this.#sliceStart >= SLICE_MS) scheduleMacrotask(this.#driveFromHost);
    else queueMicrotask(this.#driveFromMicrotask);
  }

  #clearHostTimer(): void {
    if (this.#hostTimerSet) {
      this.#hostTimerSet = false;
      this._clock.clearTimer(this.#hostTimer);
      this.#hostTimer = undefined;
    }
  }

  /** One batch of iterations, from the host. */
  #runBatch(): void {
    this.#wakeScheduled = false;
    if (this.#inBatch || !this._running) return;
    this.#clearHostTimer();
    this.#idle = false;
    const prev = swapRunningLoop(this);
    this.#inBatch = true;
    let stopped = false;
    let failed = false;
    let error: unknown;
    try {
      stopped = this.#iterate(false);
    } catch (e) {
      failed = true;
      error = e;
    } finally {
      this.#inBatch = false;
      swapRunningLoop(prev);
    }
    if (stopped || failed) {
      const onStopped = this.#onStopped;
      const onFailed = this.#onFailed;
      this.#end();
      if (failed) onFailed?.(error);
      else onStopped?.();
    }
  }

  /**
   * Runs iterations until the loop stops (returns true) or must wait for the host
   * (returns false, having armed a wake-up). `sync`: never return to the host;
   * throw instead.
   */
  #iterate(sync: boolean): boolean {
    const clock = this._clock;
    const sliceEnd = this.#sliceStart + SLICE_MS;
    let n = 0;
    for (;;) {
      this.#runOnce();
      if (this._stopping) return true;
      if (!sync && (++n & 31) === 0 && hostNow() >= sliceEnd) {
        this.#wakeScheduled = true;
        scheduleMacrotask(this.#driveFromHost);
        return false;
      }
      if (this._ready.length > 0) continue;
      const deadline = this.#nextDeadline();
      if (deadline === Number.POSITIVE_INFINITY) {
        if (sync) throw this.#stuckError('no callback is ready and no timer is scheduled');
        this.#idle = true;
        return false;
      }
      if (deadline <= clock.now()) continue;
      if (clock.advanceIdle !== undefined) {
        const info = this.#idleInfo;
        info.hostPending = this._hostPending;
        if (clock.advanceIdle(deadline, info as IdleInfo)) continue;
      }
      if (sync) {
        throw this.#stuckError(
          `the next timer is due at ${deadline} ms and the clock cannot move time itself`,
        );
      }
      this.#hostTimer = clock.setTimer(deadline, this.#driveFromHost);
      this.#hostTimerSet = true;
      this.#idle = true;
      return false;
    }
  }

  /** The earliest deadline, after dropping cancelled timers at the top. */
  #nextDeadline(): number {
    const heap = this._timers;
    let top = heap.peek();
    while (top?._cancelled) {
      heap.pop();
      top._scheduled = false;
      this._timerCancelledCount--;
      top = heap.peek();
    }
    return top === undefined ? Number.POSITIVE_INFINITY : top._when;
  }

  /** One iteration: due timers join the ready queue, then what was ready runs. */
  #runOnce(): void {
    const heap = this._timers;
    const n = heap.length;
    if (n > MIN_SCHEDULED_TIMER_HANDLES && this._timerCancelledCount * 2 > n) {
      heap.filter((t) => {
        if (t._cancelled) t._scheduled = false;
        return !t._cancelled;
      });
      this._timerCancelledCount = 0;
    }
    if (heap.length > 0) {
      const end = this._clock.now();
      let t = heap.peek();
      while (t !== undefined && t._when <= end) {
        heap.pop();
        t._scheduled = false;
        if (t._cancelled) this._timerCancelledCount--;
        else this._ready.push(t);
        t = heap.peek();
      }
    }
    const ready = this._ready;
    let ntodo = ready.length;
    if (this._debug) {
      while (ntodo-- > 0) {
        const h = ready.shift() as Runnable;
        const t0 = this._clock.now();
        h._run();
        const dt = this._clock.now() - t0;
        if (dt >= this.slowCallbackDuration) {
          console.warn(`Executing ${String(h)} took ${dt.toFixed(3)} ms`);
        }
      }
    } else {
      while (ntodo-- > 0) (ready.shift() as Runnable)._run();
    }
  }

  #stuckError(why: string): Error {
    const lines: string[] = [];
    let k = 0;
    for (let t = this._taskHead; t !== null; t = t._nextTask as Task<unknown> | null) {
      if (k++ === MAX_TASKS_NAMED) {
        lines.push(`  … and ${this._taskCount - MAX_TASKS_NAMED} more`);
        break;
      }
      const w = t._futWaiter;
      lines.push(`  ${t.getName()} waiting on ${w === null ? 'nothing (ready)' : w.toString()}`);
    }
    const host =
      this._hostPending > 0 ? ` ${this._hostPending} wrapped native promise(s) pending.` : '';
    return new Error(
      `runSync(): the loop would have to wait for the host: ${why}.${host}` +
        (lines.length > 0 ? `\nTasks still waiting:\n${lines.join('\n')}` : ' No task is waiting.'),
    );
  }
}
