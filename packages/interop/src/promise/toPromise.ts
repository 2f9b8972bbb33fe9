/**
 * toPromise: an aio Future as a real native Promise.
 *
 * @module
 */

import { type Future, isFuture } from '@aio/core';
import { describe } from '../internal/describe';

/**
 * A native `Promise` settled like `fut`: fulfilled with its result, rejected with
 * its exception (the same object), or rejected with a `CancelledError` when it is
 * cancelled. It settles as soon as the future is done, even if its loop stops
 * running afterwards; cancelling the future is the only way to "cancel" the promise
 * (a native promise cannot be cancelled).
 *
 * Awaiting the promise counts as retrieving the future's exception: the loop does
 * not report it as "never retrieved".
 *
 * @throws TypeError if `fut` is not an aio Future (a Task is one; for a coroutine,
 * start it first with `loop.createTask(coro)` or `loop.runUntilComplete(coro)`).
 * @example
 * ```ts
 * import { EventLoop } from '@aio/core';
 * import { toPromise } from '@aio/interop';
 *
 * const loop = new EventLoop();
 * const fut = loop.createFuture<string>();
 * loop.callSoon(() => fut.setResult('ready'));
 * const running = loop.runUntilComplete(fut);
 * console.log(await toPromise(fut)); // → ready
 * await running;
 * loop.close();
 * ```
 */
export function toPromise<T>(fut: Future<T>): Promise<T> {
  if (!isFuture(fut)) {
    throw new TypeError(
      `toPromise(): fut must be an aio Future or Task, got ${describe(fut)}${hint(fut)}`,
    );
  }
  // Future.then settles its promise synchronously when the future completes (not
  // through the loop), so the native promise never waits for another iteration.
  return fut.then();
}

function hint(x: unknown): string {
  if (x === null || typeof x !== 'object') return '';
  const o = x as Record<string, unknown>;
  if (typeof o.addDoneCallback === 'function' && typeof o.getLoop === 'function') {
    return ' (a Future from another copy of @aio/core: make sure only one copy is installed)';
  }
  if (typeof o.next === 'function' && typeof o.throw === 'function') {
    return ' (a coroutine: start it with loop.createTask(coro) first)';
  }
  return '';
}
