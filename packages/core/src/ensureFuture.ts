/**
 * ensureFuture: anything awaitable as a Future.
 *
 * @module
 */

import type { EventLoop } from './eventLoop';
import { isGeneratorObject, repr } from './format';
import { Future } from './future';
import { getRunningLoop } from './runningLoop';
import type { Awaitable, Coro } from './types';
import { isPromiseLike, wrapPromiseOn } from './wrapPromise';

/** @internal ensureFuture on an explicit loop (or the running one). */
export function ensureFutureOn<T>(
  x: Awaitable<T> | PromiseLike<T>,
  loop: EventLoop | null,
): Future<T> {
  if (x instanceof Future) {
    if (loop !== null && x._loop !== loop) {
      throw new Error(
        'The future belongs to a different loop than the one specified as the loop argument',
      );
    }
    return x;
  }
  if (isGeneratorObject(x)) return (loop ?? getRunningLoop()).createTask(x as Coro<T>);
  if (isPromiseLike(x)) return wrapPromiseOn(loop ?? getRunningLoop(), x);
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
export function ensureFuture<T>(x: Future<T>): Future<T>;
export function ensureFuture<T>(x: Coro<T>): Future<T>;
export function ensureFuture<T>(x: PromiseLike<T>): Future<T>;
export function ensureFuture<T>(x: Awaitable<T> | PromiseLike<T>): Future<T> {
  return ensureFutureOn(x, null);
}
