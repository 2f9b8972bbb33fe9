/**
 * EventLoop: the scheduler. It owns the ready queue (a ring buffer of handles and
 * tasks), the timer queue (`timerWheel.ts`: a ring of 1-ms slots and a heap), the
 * exception handler and the task factory; how the loop runs inside the host (batches,
 * time slices, idle wake-ups) is `hostDriver.ts`, and the data of the task registry is
 * kept here but managed by `task.ts`.
 *
 * The scheduling law: only `_runOnce` calls callbacks; everything else queues
 * them. One iteration runs the callbacks that were ready when it began plus the
 * timers that are due; what they schedule waits for the next iteration.
 *
 * The class implements the public `EventLoop` interface (types.ts) and core's internal
 * contract `LoopInternals` (events.ts).
 *
 * @module
 */

import { realClock } from './clock';
import { type Context, type VarMap, captureMap } from './contextvars';
import { ensureFutureOn } from './ensureFuture';
import {
  type ListedTask,
  type Runnable,
  TIMER_DROPPED,
  TIMER_IDLE,
  TIMER_QUEUED,
  type TimerEntry,
} from './events';
import { repr } from './format';
import { CANCELLED, FINISHED, Future, PENDING, reportUnretrieved } from './future';
import { Handle, TimerHandle } from './handles';
import { type DrivenLoop, HostDriver } from './hostDriver';
import { RingQueue } from './ringQueue';
import { peekRunningLoop } from './runningLoop';
import { Task } from './task';
import { TimerQueue } from './timerWheel';
import { addInstrument, removeInstrument } from './instruments';
import type * as api from './types';
import type {
  Awaitable,
  Clock,
  Instrument,
  Coro,
  ExceptionContext,
  ExceptionHandler,
  TaskFactory,
  TaskOptions,
} from './types';
import { checkTime } from './validate';

// asyncio's rule for compacting the timer queue (of cancelled timers).
const MIN_SCHEDULED_TIMER_HANDLES = 100;

function checkCallback(fn: unknown, method: string): void {
  if (typeof fn !== 'function') {
    throw new TypeError(`${method}(): callback must be a function, got ${repr(fn)}`);
  }
}

/** Drops a timer from the queue (the loop closes). */
function unschedule(t: TimerEntry): boolean {
  t._timer = TIMER_IDLE;
  return false;
}

/** Compaction of the timer queue: drops the cancelled timers. */
function keepLive(t: TimerEntry): boolean {
  if (t._timer !== TIMER_DROPPED) return true;
  t._timer = TIMER_IDLE;
  return false;
}

/** Stops the loop once the future given to runUntilComplete is done. */
function runUntilCompleteCb(fut: api.Future<unknown>): void {
  if (!fut.cancelled()) fut.exception();
  fut.getLoop().stop();
}

/**
 * The EventLoop implementation (public type and documentation: `EventLoop` in
 * types.ts).
 *
 * @internal
 */
export class EventLoop implements api.EventLoop, DrivenLoop {
  slowCallbackDuration = 100;

  /** @internal */ readonly _aioLoop = true as const;
  /** @internal */ _clock: Clock;
  /** @internal */ _debug: boolean;
  /** @internal */ _ready = new RingQueue<Runnable>(64);
  /** @internal */ _timers = new TimerQueue<TimerEntry>();
  /** @internal */ _timerCancelledCount = 0;
  /** @internal */ _stopping = false;
  /** @internal */ _closed = false;
  /** @internal */ _running = false;
  /** @internal */ _idle = false;
  /** @internal */ _exceptionHandler: ExceptionHandler | null = null;
  /** @internal */ _taskFactory: TaskFactory | null = null;
  /** @internal */ _currentTask: api.Task<unknown> | null = null;
  /** @internal */ _stepEnded: api.Task<unknown> | null = null;
  /** @internal */ _taskChunks: Array<Array<ListedTask | null> | null> = [];
  /** @internal */ _taskLive: number[] = [];
  /** @internal */ _taskBase = 0;
  /** @internal */ _taskNextSlot = 0;
  /** @internal */ _taskCount = 0;
  /** @internal */ _hostPending = 0;
  /** @internal */ _lost: Set<WeakRef<api.Future<unknown>>> | null = null;
  /** @internal */ _instruments: Instrument[] = [];
  /** @internal */ _hkBeforeRun: Instrument[] | null = null;
  /** @internal */ _hkAfterRun: Instrument[] | null = null;
  /** @internal */ _hkTaskCreated: Instrument[] | null = null;
  /** @internal */ _hkTaskScheduled: Instrument[] | null = null;
  /** @internal */ _hkBeforeTaskStep: Instrument[] | null = null;
  /** @internal */ _hkAfterTaskStep: Instrument[] | null = null;
  /** @internal */ _hkTaskDone: Instrument[] | null = null;
  /** @internal */ _hkCancelRequested: Instrument[] | null = null;
  /** @internal */ _hkBeforeIdle: Instrument[] | null = null;
  /** @internal */ _hkAfterIdle: Instrument[] | null = null;
  /** @internal how the loop runs in the host */ readonly _driver: HostDriver;
  /** @internal */ readonly _opts: { loop: EventLoop };

  constructor(opts?: api.EventLoopOptions) {
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
    this._opts = { loop: this };
    this._driver = new HostDriver(this);
  }

  time(): number {
    return this._clock.now();
  }

  callSoon<A extends unknown[]>(cb: (...args: A) => unknown, ...args: A): api.Handle {
    this._checkClosed();
    checkCallback(cb, 'callSoon');
    const h = new Handle(cb as (...a: never[]) => unknown, args, undefined, this, captureMap());
    this._pushReady(h);
    return h;
  }

  callLater<A extends unknown[]>(
    delayMs: number,
    cb: (...args: A) => unknown,
    ...args: A
  ): api.TimerHandle {
    checkTime(delayMs, 'callLater', 'delayMs');
    const now = this._clock.now();
    return this.#callAt(now + delayMs, cb, args, 'callLater', now);
  }

  callAt<A extends unknown[]>(
    whenMs: number,
    cb: (...args: A) => unknown,
    ...args: A
  ): api.TimerHandle {
    checkTime(whenMs, 'callAt', 'whenMs');
    return this.#callAt(whenMs, cb, args, 'callAt');
  }

  #callAt(when: number, cb: unknown, args: unknown[], method: string, now?: number): TimerHandle {
    this._checkClosed();
    checkCallback(cb, method);
    const t = new TimerHandle(when, cb as (...a: never[]) => unknown, args, this, captureMap());
    return this.#schedule(t, now);
  }

  /** @internal See LoopInternals. */
  _addTimer(e: TimerEntry, delayMs: number): void {
    this._checkClosed();
    const now = this._clock.now();
    e._when = now + delayMs;
    this.#schedule(e, now);
  }

  /** @internal See LoopInternals. */
  _dropTimer(e: TimerEntry): void {
    if (e._timer === TIMER_QUEUED) {
      e._timer = TIMER_DROPPED;
      this._timerCancelledCount++;
    }
  }

  #schedule<E extends TimerEntry>(t: E, now: number | undefined): E {
    t._timer = TIMER_QUEUED;
    this._timers.push(t, now);
    if (this._idle) this._driver.wake();
    return t;
  }

  createFuture<T>(): api.Future<T> {
    return new Future<T>(this._opts);
  }

  createTask<T>(coro: Coro<T>, opts?: TaskOptions): api.Task<T> {
    this._checkClosed();
    const factory = this._taskFactory;
    if (factory !== null) return factory(this, coro, opts);
    return new Task<T>(coro, opts === undefined ? this._opts : { ...opts, loop: this });
  }

  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== 'function') {
      throw new TypeError(
        `setTaskFactory(): factory must be a function or null, got ${repr(factory)}`,
      );
    }
    this._taskFactory = factory;
  }

  getTaskFactory(): TaskFactory | null {
    return this._taskFactory;
  }

  runUntilComplete<T>(aw: api.Future<T>): Promise<T>;
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
      this._driver.start(
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

  runForever(): Promise<void> {
    this._checkClosed();
    this.#checkRunning();
    return new Promise<void>((resolve, reject) => {
      this._driver.start(resolve, reject);
    });
  }

  stop(): void {
    this._stopping = true;
    if (this._idle) this._driver.wake();
  }

  isRunning(): boolean {
    return this._running;
  }

  isClosed(): boolean {
    return this._closed;
  }

  close(): void {
    if (this._running) throw new Error('Cannot close a running event loop: stop it first');
    if (this._closed) return;
    this._closed = true;
    this._ready.clear();
    this._timers.filter(unschedule);
    this._timerCancelledCount = 0;
    this._driver.clearHostTimer();
    reportUnretrieved(this);
  }

  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function') {
      throw new TypeError(
        `setExceptionHandler(): handler must be a function or null, got ${repr(handler)}`,
      );
    }
    this._exceptionHandler = handler;
  }

  getExceptionHandler(): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  defaultExceptionHandler(context: ExceptionContext): void {
    const lines = [context.message || 'Unhandled exception in event loop'];
    for (const key of Object.keys(context)) {
      if (key === 'message' || key === 'exception') continue;
      lines.push(`${key}: ${repr(context[key])}`);
    }
    if ('exception' in context) console.error(lines.join('\n'), context.exception);
    else console.error(lines.join('\n'));
  }

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

  setDebug(enabled: boolean): void {
    this._debug = Boolean(enabled);
  }

  getDebug(): boolean {
    return this._debug;
  }

  addInstrument(instrument: Instrument): void {
    addInstrument(this, instrument);
  }

  removeInstrument(instrument: Instrument): boolean {
    return removeInstrument(this, instrument);
  }

  /** `<EventLoop running=false closed=false debug=false>` */
  toString(): string {
    return `<EventLoop running=${this._running} closed=${this._closed} debug=${this._debug}>`;
  }

  // ---- LoopInternals (events.ts documents each member) ------------------------------

  /** @internal */
  _checkClosed(): void {
    if (this._closed) throw new Error('Event loop is closed');
  }

  /** @internal */
  _pushReady(r: Runnable): void {
    this._ready.push(r);
    if (this._idle) this._driver.wake();
  }

  /** @internal */
  _callSoonOne(cb: (arg: never) => unknown, arg: unknown, ctx: Context | VarMap): void {
    this._checkClosed();
    this._pushReady(new Handle(cb as (...a: never[]) => unknown, undefined, arg, this, ctx));
  }

  /** @internal */
  _isRunningNow(): boolean {
    return peekRunningLoop() === this;
  }

  /** @internal */
  _runUntilCompleteSync(fut: api.Future<unknown>): void {
    this._checkClosed();
    this.#checkRunning();
    fut.addDoneCallback(runUntilCompleteCb);
    try {
      this._driver.runSync();
    } finally {
      fut.removeDoneCallback(runUntilCompleteCb);
    }
  }

  // ---- DrivenLoop (hostDriver.ts) ----------------------------------------------------

  /** @internal */
  _readyCount(): number {
    return this._ready.length;
  }

  /** @internal The earliest deadline, after dropping cancelled timers at the top. */
  _nextDeadline(): number {
    const timers = this._timers;
    let top = timers.peek();
    while (top !== undefined && top._timer === TIMER_DROPPED) {
      timers.pop();
      top._timer = TIMER_IDLE;
      this._timerCancelledCount--;
      top = timers.peek();
    }
    return top === undefined ? Number.POSITIVE_INFINITY : top._when;
  }

  /** @internal One iteration: due timers join the ready queue, then what was ready runs. */
  _runOnce(): void {
    const timers = this._timers;
    const n = timers.length;
    if (n > MIN_SCHEDULED_TIMER_HANDLES && this._timerCancelledCount * 2 > n) {
      timers.filter(keepLive);
      this._timerCancelledCount = 0;
    }
    if (timers.length > 0) {
      const end = this._clock.now();
      timers.advance(end);
      for (let t = timers.popDue(end); t !== undefined; t = timers.popDue(end)) {
        if (t._timer === TIMER_DROPPED) this._timerCancelledCount--;
        else this._ready.push(t);
        t._timer = TIMER_IDLE;
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

  #checkRunning(): void {
    if (this._running) throw new Error('This event loop is already running');
    if (peekRunningLoop() !== null) {
      throw new Error(
        'Cannot run the event loop while another loop is running: use yield* or createTask() inside a coroutine',
      );
    }
  }
}
