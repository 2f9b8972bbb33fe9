/**
 * ensureFuture: anything awaitable as a Future.
 *
 * @module
 */

import type { LoopInternals } from './events';
import { isGeneratorObject, repr } from './format';
import { Future } from './future';
import { runningLoop } from './runningLoop';
import type * as api from './types';
import type { Awaitable, Coro } from './types';
import { isPromiseLike, wrapPromiseOn } from './wrapPromise';

/** @internal ensureFuture on an explicit loop (or the running one). */
export function ensureFutureOn<T>(
  x: Awaitable<T> | PromiseLike<T>,
  loop: LoopInternals | null,
): Future<T> {
  if (x instanceof Future) {
    if (loop !== null && x._loop !== loop) {
      throw new Error(
        'The future belongs to a different loop than the one specified as the loop argument',
      );
    }
    return x;
  }
  if (isGeneratorObject(x))
    return (loop ?? runningLoop()).createTask(x as Coro<T>) as api.Future<T> as Future<T>;
  if (isPromiseLike(x)) return wrapPromiseOn(loop ?? runningLoop(), x);
  throw new TypeError(
    `ensureFuture(): a Future, a coroutine or a PromiseLike is required, got ${repr(x)}` +
      (typeof x === 'function' ? ' (did you forget to call the generator function?)' : ''),
  );
}

/**
 * A Future for `x`: a Future is returned as it is, a coroutine is wrapped in a
 * task, a native promise with {@link wrapPromise}.
 *
 * @throws TypeError for anything else.
 * @example
 * ```ts
 * const fut = ensureFuture(fetchUser(id)); // a Task
 * ```
 */
export function ensureFuture<T>(x: api.Future<T>): api.Future<T>;
export function ensureFuture<T>(x: Coro<T>): api.Future<T>;
export function ensureFuture<T>(x: PromiseLike<T>): api.Future<T>;
export function ensureFuture<T>(x: Awaitable<T> | PromiseLike<T>): api.Future<T> {
  return ensureFutureOn(x, null);
}
