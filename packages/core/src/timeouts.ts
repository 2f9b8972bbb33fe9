/**
 * timeout / timeoutAt: cancel a block that overruns a deadline and turn that
 * cancellation (only that one) into a TimeoutError.
 *
 * Which cancellation is "ours" is decided by the task's cancelling counter, as
 * asyncio does: JavaScript's `catch` catches everything, so the counter, not the
 * error's type, tells a timeout from a cancellation that came from outside.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { CancelledError, TimeoutError } from './exceptions';
import { runningLoop } from './runningLoop';
import type { Task } from './task';
import type { Coro, Handle } from './types';
import { checkBody, checkBodyResult, checkTime } from './validate';

type TimeoutState = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

function checkWhen(when: unknown, fn: string, arg: string): void {
  checkTime(when, fn, arg, true);
}

/**
 * The deadline of a `timeout()` / `timeoutAt()` block, given to its body.
 *
 * @example
 * ```ts
 * yield* timeout(1000, function* (t) {
 *   yield* step1();
 *   t.reschedule(t.when()! + 500); // half a second more
 *   yield* step2();
 * });
 * ```
 */
export class Timeout {
  /** @internal */ _state: TimeoutState = 'created';
  /** @internal */ _when: number | null;
  /** @internal */ _handle: Handle | null = null;
  /** @internal */ _task: Task<unknown> | null = null;
  /** @internal */ _cancelling = 0;

  /** @internal Use `timeout()` or `timeoutAt()`. */
  constructor(when: number | null) {
    this._when = when;
  }

  /**
   * The deadline on the loop's clock (ms), or `null` for none.
   *
   * @example
   * ```ts
   * t.when(); // loop.time() + delay at entry
   * ```
   */
  when(): number | null {
    return this._when;
  }

  /**
   * Moves the deadline to `whenMs` (loop time), or removes it with `null`. A
   * deadline in the past expires the block in the next iteration.
   *
   * @throws Error if the block is not active (not entered, expired or finished).
   * @example
   * ```ts
   * t.reschedule(getRunningLoop().time() + 100);
   * ```
   */
  reschedule(whenMs: number | null): void {
    if (this._state !== 'active') {
      if (this._state === 'created') throw new Error('Timeout has not been entered');
      throw new Error(`Cannot change state of ${this._state} Timeout`);
    }
    checkWhen(whenMs, 'reschedule', 'whenMs');
    this._when = whenMs;
    if (this._handle !== null) this._handle.cancel();
    if (whenMs === null) {
      this._handle = null;
    } else {
      const loop = runningLoop();
      this._handle =
        whenMs <= loop.time()
          ? loop.callSoon(this.#onTimeout)
          : loop.callAt(whenMs, this.#onTimeout);
    }
  }

  /**
   * Whether the deadline passed while the block ran.
   *
   * @example
   * ```ts
   * if (t.expired()) console.log('gave up');
   * ```
   */
  expired(): boolean {
    return this._state === 'expiring' || this._state === 'expired';
  }

  /** `<Timeout [active] when=1000>` */
  toString(): string {
    return `<Timeout [${this._state}]${this._state === 'active' ? ` when=${this._when}` : ''}>`;
  }

  /** @internal */
  _enter(): void {
    if (this._state !== 'created') throw new Error('Timeout has already been entered');
    const task = runningLoop()._currentTask as Task<unknown> | null;
    if (task === null) throw new Error('Timeout should be used inside a task');
    this._state = 'active';
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
  }

  /** @internal Returns the error to throw instead of `exc`, if any. */
  _exit(failed: boolean, exc: unknown): TimeoutError | null {
    if (this._handle !== null) {
      this._handle.cancel();
      this._handle = null;
    }
    if (this._state === 'expiring') {
      this._state = 'expired';
      const task = this._task as Task<unknown>;
      if (task.uncancel() <= this._cancelling && failed && exc instanceof CancelledError) {
        // The cancellation is ours: report the timeout instead.
        return new TimeoutError('', { cause: exc });
      }
    } else if (this._state === 'active') {
      this._state = 'finished';
    }
    return null;
  }

  readonly #onTimeout = (): void => {
    (this._task as Task<unknown>).cancel();
    this._state = 'expiring';
    this._handle = null;
  };
}

function* runWithin<T>(t: Timeout, body: (t: Timeout) => Coro<T>): Coro<T> {
  t._enter();
  let result: T;
  try {
    result = yield* body(t);
  } catch (e) {
    const te = t._exit(true, e);
    throw te ?? e;
  }
  t._exit(false, undefined);
  return result;
}

function callBody<T>(body: (t: Timeout) => Coro<T>, fn: string): (t: Timeout) => Coro<T> {
  return (t) => checkBodyResult(body(t), fn);
}

/**
 * Runs `body` with a deadline `delayMs` from now (`null`: no deadline, which
 * `reschedule` can set later). If the deadline passes, the body is cancelled
 * and, once it has finished, `TimeoutError` is thrown. A cancellation from
 * outside stays a `CancelledError`.
 *
 * @throws TimeoutError when the deadline passes; TypeError/RangeError for bad
 * arguments; Error outside a task.
 * @example
 * ```ts
 * try {
 *   const page = yield* timeout(5000, function* () {
 *     return yield* wrapPromise((signal) => fetch(url, { signal }));
 *   });
 * } catch (e) {
 *   if (e instanceof TimeoutError) console.log('slow server');
 * }
 * ```
 */
export function timeout<T>(delayMs: number | null, body: (t: Timeout) => Coro<T>): Coro<T> {
  return libraryCoro(timeoutGen(delayMs, body), 'timeout()');
}

function* timeoutGen<T>(delayMs: number | null, body: (t: Timeout) => Coro<T>): Coro<T> {
  checkWhen(delayMs, 'timeout', 'delayMs');
  checkBody(body, 'timeout', '(t) => Coro');
  const loop = runningLoop();
  const t = new Timeout(delayMs === null ? null : loop.time() + delayMs);
  return yield* runWithin(t, callBody(body, 'timeout'));
}

/**
 * {@link timeout} with an absolute deadline on the loop's clock (ms).
 *
 * @example
 * ```ts
 * const deadline = getRunningLoop().time() + 10_000;
 * yield* timeoutAt(deadline, function* () { yield* stepOne(); });
 * yield* timeoutAt(deadline, function* () { yield* stepTwo(); }); // same budget
 * ```
 */
export function timeoutAt<T>(whenMs: number | null, body: (t: Timeout) => Coro<T>): Coro<T> {
  return libraryCoro(timeoutAtGen(whenMs, body), 'timeoutAt()');
}

function* timeoutAtGen<T>(whenMs: number | null, body: (t: Timeout) => Coro<T>): Coro<T> {
  checkWhen(whenMs, 'timeoutAt', 'whenMs');
  checkBody(body, 'timeoutAt', '(t) => Coro');
  return yield* runWithin(new Timeout(whenMs), callBody(body, 'timeoutAt'));
}
