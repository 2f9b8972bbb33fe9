/**
 * sleep: suspend the current task for a while.
 *
 * `sleep()` is the hottest coroutine of most programs, so it is written by hand
 * (see coroutineOp.ts): one small object instead of a generator, and a timer
 * whose single argument is that object. Its specification is the plain generator
 * `sleepSpec` in `coroutineOps.reference.testutil.ts`; `coroutineOps.test.ts` runs one
 * behaviour suite against both.
 *
 * @module
 */

import { adoptGeneratorPrototype, awaitError, started, watchUnstarted } from './coroutineOp';
import { CoreFuture, type Future, NO_TASKS, PENDING, type WaitParts } from './future';
import type { TimerHandle } from './handles';
import { runningLoop } from './runningLoop';
import type { Coro, Suspension } from './types';
import { checkTime } from './validate';

type Step<T> = IteratorResult<Suspension | undefined, T>;

const NEW = 0;
const NEW_WATCHED = 4; // new, and watched until it starts (debug mode)
const YIELDED = 1; // at the bare yield of sleep(0)
const WAITING = 2; // at `yield* fut`
const DONE = 3;

/** The future a sleeping task waits on: it knows until when. */
class SleepFuture<T> extends CoreFuture<T> {
  /** @internal */ _until = 0;

  /** @internal `sleep until 1500` (loop time, ms). */
  override _describeWait(): WaitParts {
    return { kind: 'sleep', text: `sleep until ${this._until}`, blockers: NO_TASKS };
  }
}

function fire(op: SleepOpImpl<unknown>): void {
  const fut = op._fut as Future<unknown>;
  if (fut._state === PENDING) fut.setResult(op._result);
}

/** @internal The coroutine `sleep()` returns. */
class SleepOpImpl<T> {
  declare _ms: number;
  declare _result: T;
  declare _state: number;
  declare _fut: Future<T> | null;
  declare _handle: TimerHandle | null;

  constructor(ms: number, result: T) {
    this._ms = ms;
    this._result = result;
    this._state = watchUnstarted(this, 'sleep()') ? NEW_WATCHED : NEW;
    this._fut = null;
    this._handle = null;
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
    switch (this._state) {
      case NEW:
        return this._start();
      case NEW_WATCHED:
        started(this);
        return this._start();
      case YIELDED:
        this._state = DONE;
        return { done: true, value: this._result };
      case WAITING:
        return this._await();
      default:
        return { done: true, value: undefined as T };
    }
  }

  throw(e: unknown): Step<T> {
    if (this._state === NEW_WATCHED) started(this);
    if (this._state === WAITING) (this._handle as TimerHandle).cancel();
    this._state = DONE;
    throw e;
  }

  return(value?: T): Step<T> {
    if (this._state === NEW_WATCHED) started(this);
    if (this._state === WAITING) (this._handle as TimerHandle).cancel();
    this._state = DONE;
    return { done: true, value: value as T };
  }

  _start(): Step<T> {
    const ms = this._ms;
    this._state = DONE; // if validation throws, the coroutine is finished
    checkTime(ms, 'sleep', 'ms');
    if (ms <= 0) {
      this._state = YIELDED;
      return { done: false, value: undefined };
    }
    const loop = runningLoop();
    const fut = new SleepFuture<T>(loop._opts);
    const handle = loop._callLaterOne(ms, fire, this) as TimerHandle;
    fut._until = handle._when;
    this._fut = fut;
    this._handle = handle;
    this._state = WAITING;
    return this._await();
  }

  _await(): Step<T> {
    const fut = this._fut as Future<T>;
    let r: IteratorResult<Suspension, T>;
    try {
      r = fut.next();
    } catch (e) {
      // The future was cancelled (the task was): stop the timer, as `finally` does.
      (this._handle as TimerHandle).cancel();
      this._state = DONE;
      throw e;
    }
    if (r.done) {
      (this._handle as TimerHandle).cancel();
      this._state = DONE;
    }
    return r;
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
