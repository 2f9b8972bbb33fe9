/**
 * sleep: suspend the current task for a while.
 *
 * `sleep()` is the hottest coroutine of most programs, so it is one object, written by
 * hand (see coroutineOp.ts): the coroutine the caller `yield*`s, the thing its task waits
 * on, and the loop's timer entry, all at once — where the plain version makes a
 * generator, a Future and a TimerHandle (and each wake-up touched all three, scattered
 * in memory). The task waits on it as on a future through the {@link Waitable} contract
 * (events.ts); it is not a Future, so that `sleep(10)` stays a coroutine to every API
 * that takes one (`gather(sleep(10))` wraps it in a task). Where the public API must
 * hand out the future a sleeping task waits on (`describeWait`, the `taskScheduled`
 * hook), `_asFuture()` makes a real one that stands for the sleep from then on.
 *
 * Its specification is the plain generator `sleepSpec` in
 * `coroutineOps.reference.testutil.ts`; `coroutineOps.test.ts` runs one behaviour suite
 * against both.
 *
 * @module
 */

import { adoptGeneratorPrototype, awaitError, started, watchUnstarted } from './coroutineOp';
import {
  type DoneWaker,
  type LoopInternals,
  TIMER_IDLE,
  type TimerEntry,
  WAITABLE,
  type WaitParts,
  type Waitable,
} from './events';
import { makeCancelledError } from './exceptions';
import {
  BLOCKING,
  CANCELLED,
  CoreFuture,
  describeState,
  FINISHED,
  type Future,
  type FutureState,
  NO_TASKS,
  PENDING,
  STATE,
} from './future';
import { runningLoop } from './runningLoop';
import type { Coro, Suspension } from './types';
import { checkTime } from './validate';

type Step<T> = IteratorResult<Suspension | undefined, T>;

/*
 * `_flags` of a sleep. Its low bits are laid out as a future's (future.ts): STATE (read
 * as `_state`: PENDING until the timer fires, then FINISHED, or CANCELLED) and
 * BLOCKING (the task reads it: the sleep is yielded by `yield*`). The bits above are the
 * sleep's own:
 *
 *   PHASE    the coroutine's phase: NEW, YIELDED (at the bare yield of `sleep(0)`),
 *            WAITING (at its `yield*`), DONE
 *   WATCHED  new, and watched until it starts (debug mode's "never awaited")
 *   VIEWED   a Future stands for it (`_asFuture()`): the task waits on that future
 */
const PHASE_UNIT = BLOCKING << 1;
const NEW = 0;
const YIELDED = PHASE_UNIT;
const WAITING = 2 * PHASE_UNIT;
const DONE = 3 * PHASE_UNIT;
const PHASE = 3 * PHASE_UNIT;
const WATCHED = PHASE_UNIT << 2;
const VIEWED = PHASE_UNIT << 3;

const FINISHED_STEP: Step<never> = Object.freeze({ done: true, value: undefined as never });

function sleepWait(until: number): WaitParts {
  // Loop time in ms, to the microsecond: a real clock's deadline has a long fraction.
  const at = Number.isFinite(until) ? Math.round(until * 1000) / 1000 : until;
  return { kind: 'sleep', text: `sleep until ${at}`, blockers: NO_TASKS };
}

/** The Future that stands for a sleep once one is asked for (`_asFuture`). */
class SleepFuture<T> extends CoreFuture<T> {
  /** @internal */ _until = 0;

  /** @internal `sleep until 1500` (loop time, ms). */
  override _describeWait(): WaitParts {
    return sleepWait(this._until);
  }
}

/** The futures standing for sleeps (made lazily: only diagnostics ask for one). */
let views: WeakMap<object, SleepFuture<unknown>> | null = null;

/** @internal The coroutine `sleep()` returns (see the module comment). */
class SleepOpImpl<T> implements Waitable, TimerEntry {
  /** The running loop, once started. */
  declare _loop: LoopInternals;
  /** The result to return; the cancel message once cancelled. */
  declare _value: unknown;
  /** See the layout above. */
  declare _flags: number;
  /** The task waiting on it (one at most), until it is woken. */
  declare _waiter: DoneWaker | null;
  /** The delay until started; then the deadline (TimerEntry). */
  declare _when: number;
  declare _timer: number;

  constructor(ms: number, result: T) {
    this._loop = null as unknown as LoopInternals;
    this._value = result;
    this._flags = watchUnstarted(this, 'sleep()') ? NEW | WATCHED : NEW;
    this._waiter = null;
    this._when = ms;
    this._timer = TIMER_IDLE;
  }

  /** `await sleep(ms)` is a mistake: it throws, saying so. */
  // biome-ignore lint/suspicious/noThenProperty: a `then` that refuses `await` (coroutineOp.ts)
  then(): never {
    throw awaitError('sleep()');
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(_value?: unknown): Step<T> {
    const f = this._flags;
    switch (f & PHASE) {
      case NEW:
        return this._start();
      case YIELDED:
        this._flags = DONE;
        return { done: true, value: this._value as T };
      case WAITING:
        return (f & VIEWED) === 0 ? this._resume() : this._resumeViewed();
      default:
        return FINISHED_STEP;
    }
  }

  throw(e: unknown): Step<T> {
    this._finishEarly();
    throw e;
  }

  return(value?: T): Step<T> {
    this._finishEarly();
    return { done: true, value: value as T };
  }

  _start(): Step<T> {
    const f = this._flags;
    if ((f & WATCHED) !== 0) started(this);
    this._flags = DONE; // if validation throws, the coroutine is finished
    const ms = this._when;
    checkTime(ms, 'sleep', 'ms');
    if (ms <= 0) {
      this._flags = YIELDED;
      return { done: false, value: undefined };
    }
    const loop = runningLoop();
    this._loop = loop;
    loop._addTimer(this, ms);
    this._flags = WAITING | BLOCKING;
    return { done: false, value: this as unknown as Suspension };
  }

  /** Resumed at its `yield*`: done when the timer fired (or it was cancelled). */
  _resume(): Step<T> {
    const s = this._state;
    if (s === PENDING) {
      // Resumed for another reason: wait on, as `yield* fut` on a pending future does.
      this._flags |= BLOCKING;
      return { done: false, value: this as unknown as Suspension };
    }
    this._flags = s | DONE;
    if (s === FINISHED) return { done: true, value: this._value as T };
    throw this._makeCancelledError();
  }

  /** Resumed while a Future stands for it: `yield*` on that future, as the plain version. */
  _resumeViewed(): Step<T> {
    const fut = (views as WeakMap<object, SleepFuture<unknown>>).get(this) as Future<T>;
    let r: IteratorResult<Suspension, T>;
    try {
      r = fut.next();
    } catch (e) {
      this._finishEarly(); // the future was cancelled: stop the timer, as `finally` does
      throw e;
    }
    if (r.done) this._finishEarly();
    return r;
  }

  /** The coroutine ends before its sleep: the timer is stopped (and the task let go). */
  _finishEarly(): void {
    const f = this._flags;
    if ((f & PHASE) === NEW && (f & WATCHED) !== 0) started(this);
    if ((f & PHASE) === WAITING) {
      this._loop._dropTimer(this);
      this._waiter = null;
    }
    this._flags = (f & (STATE | VIEWED)) | DONE;
  }

  // ---- TimerEntry -------------------------------------------------------------------

  /** The timer is due (run by the loop): the sleep is over. */
  _run(): void {
    if (this._state === PENDING) this._complete(FINISHED, this._value);
  }

  // ---- Waitable (events.ts): what the waiting task sees --------------------------------

  /** PENDING, FINISHED or CANCELLED (in `_flags`, as a future's). */
  get _state(): FutureState {
    return (this._flags & STATE) as FutureState;
  }

  get [WAITABLE](): true {
    return true;
  }

  done(): boolean {
    return this._state !== PENDING;
  }

  /** Cancels the sleep (the task waiting on it is woken with a CancelledError). */
  cancel(msg?: string): boolean {
    if (this._state !== PENDING) return false;
    this._loop._dropTimer(this);
    this._complete(CANCELLED, msg);
    return true;
  }

  /** `<Future pending>`: it shows as the future it replaces. */
  toString(): string {
    return `<Future ${describeState(this._state, this._value)}>`;
  }

  _addWaker(w: DoneWaker): void {
    this._waiter = w;
  }

  _removeWaker(w: DoneWaker): void {
    if (this._waiter === w) this._waiter = null;
  }

  /** `sleep until 1500` (loop time, ms). */
  _describeWait(): WaitParts {
    return sleepWait(this._when);
  }

  _makeCancelledError(): Error {
    const msg = this._state === CANCELLED ? (this._value as string | undefined) : undefined;
    return makeCancelledError(msg, this._loop._debug);
  }

  _retrieved(): void {}

  /**
   * A real Future for this sleep, made once: from then on the waiting task waits on it
   * (its done-callbacks, `cancel()` and `getAwaitedBy` work as on any future) and the
   * sleep completes it, exactly as the plain version's future.
   */
  _asFuture(): Future<unknown> {
    if ((this._flags & VIEWED) === 0 && this._state !== PENDING && this._waiter === null) {
      // Over, and its task already woken (the taskScheduled hook asks now): nothing
      // will wait on the future, so it need not stand for the sleep from then on.
      const done = new SleepFuture<unknown>(this._loop._opts);
      done._until = this._when;
      done._finish(this._state as FutureState, this._value);
      return done;
    }
    views ??= new WeakMap();
    let fut = views.get(this);
    if (fut !== undefined) return fut;
    const f = new SleepFuture<unknown>(this._loop._opts);
    f._until = this._when;
    views.set(this, f);
    this._flags |= VIEWED;
    if (this._state !== PENDING) f._finish(this._state as FutureState, this._value);
    // The waiting task moves to `f` (a task already woken reads the same outcome from
    // either).
    const w = this._waiter;
    if (w !== null) {
      this._waiter = null;
      f._addWaker(w);
      w._rewait?.(this, f);
    }
    fut = f;
    return fut;
  }

  /** Completes the sleep and wakes its task (through the standing future, if any). */
  _complete(state: FutureState, value: unknown): void {
    this._flags = (this._flags & ~STATE) | state;
    this._value = value;
    if ((this._flags & VIEWED) !== 0) {
      const fut = (views as WeakMap<object, SleepFuture<unknown>>).get(this) as Future<unknown>;
      if (fut._state === PENDING) fut._finish(state, value);
      return;
    }
    const w = this._waiter;
    if (w !== null) {
      this._waiter = null;
      w._onDone(this);
    }
  }
}
const SleepOp = /* @__PURE__ */ adoptGeneratorPrototype(SleepOpImpl);

/**
 * Suspends the current task for `ms` milliseconds, then evaluates to `result`.
 * `sleep(0)` (or less) gives up control for exactly one loop iteration, like a
 * bare `yield`.
 *
 * @throws TypeError / RangeError (inside the coroutine) if `ms` is not a number or
 * is NaN.
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   yield* sleep(1000);
 *   const v = yield* sleep(10, 'value'); // 'value'
 * }
 * ```
 */
export function sleep<T = void>(ms: number, result?: T): Coro<T> {
  return new SleepOp(ms, result as T) as unknown as Coro<T>;
}
