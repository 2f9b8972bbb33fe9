/**
 * sleep: suspend the current task for a while.
 *
 * @module
 */

import { repr } from './format';
import { type Future, PENDING } from './future';
import { getRunningLoop } from './runningLoop';
import type { Coro } from './types';

function setResultUnlessCancelled<T>(fut: Future<T>, result: T): void {
  if (fut._state === PENDING) fut.setResult(result);
}

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
export function* sleep<T = void>(ms: number, result?: T): Coro<T> {
  if (typeof ms !== 'number') {
    throw new TypeError(`sleep(): ms must be a number (milliseconds), got ${repr(ms)}`);
  }
  if (ms <= 0) {
    yield;
    return result as T;
  }
  if (Number.isNaN(ms)) throw new RangeError('sleep(): ms must not be NaN');
  const loop = getRunningLoop();
  const fut = loop.createFuture<T>();
  const h = loop.callLater(ms, setResultUnlessCancelled, fut, result as T);
  try {
    return yield* fut;
  } finally {
    h.cancel();
  }
}
