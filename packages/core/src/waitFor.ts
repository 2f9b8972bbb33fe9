/**
 * waitFor: await with a timeout (asyncio 3.12+ semantics, built on `timeout`).
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { ensureFutureOn } from './ensureFuture';
import { CancelledError, TimeoutError } from './exceptions';
import { isGeneratorObject } from './format';
import { type Future, newFuture } from './future';
import { runningLoop } from './runningLoop';
import { timeout } from './timeouts';
import type * as api from './types';
import type { Awaitable, Coro } from './types';
import { checkTime } from './validate';

function releaseWaiter(waiter: Future<void>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/** @internal Cancels `fut` and waits until it is done, itself cancellable. */
export function* cancelAndWait(fut: Future<unknown>): Coro<void> {
  const loop = runningLoop();
  const waiter = newFuture<void>(loop);
  const cb = (): void => releaseWaiter(waiter);
  // The waiting task awaits `fut` (getAwaitedBy reads it), as in wait.ts.
  (cb as { _awaiter?: api.Future<unknown> | null })._awaiter = loop._currentTask;
  fut.addDoneCallback(cb);
  try {
    fut.cancel();
    // Not `yield* fut`: waiting on our own waiter keeps this wait cancellable.
    yield* waiter;
  } finally {
    fut.removeDoneCallback(cb);
  }
}

/**
 * Awaits `aw` for at most `timeoutMs` milliseconds (`null`: no limit). On
 * timeout, `aw` is cancelled, waited for until it has really finished (its
 * `finally` blocks ran), and `TimeoutError` is thrown. A cancellation of the
 * caller is never turned into a timeout or swallowed.
 *
 * @throws TimeoutError on timeout; whatever `aw` throws.
 * @example
 * ```ts
 * try {
 *   const user = yield* waitFor(fetchUser(id), 1000);
 * } catch (e) {
 *   if (e instanceof TimeoutError) console.log('gave up after a second');
 * }
 * ```
 */
export function waitFor<T>(aw: api.Future<T>, timeoutMs: number | null): Coro<T>;
export function waitFor<T>(aw: Coro<T>, timeoutMs: number | null): Coro<T>;
export function waitFor<T>(aw: PromiseLike<T>, timeoutMs: number | null): Coro<T>;
export function waitFor<T>(aw: Awaitable<T> | PromiseLike<T>, timeoutMs: number | null): Coro<T> {
  return libraryCoro(waitForGen(aw, timeoutMs), 'waitFor()');
}

function* waitForGen<T>(aw: Awaitable<T> | PromiseLike<T>, timeoutMs: number | null): Coro<T> {
  checkTime(timeoutMs, 'waitFor', 'timeoutMs', true);
  if (timeoutMs !== null && timeoutMs <= 0) {
    const fut = ensureFutureOn(aw, null);
    if (fut.done()) return fut.result();
    yield* cancelAndWait(fut as Future<unknown>);
    try {
      return fut.result();
    } catch (e) {
      if (e instanceof CancelledError) throw new TimeoutError('', { cause: e });
      throw e;
    }
  }
  return yield* timeout(timeoutMs, function* () {
    return yield* ensureAwaitable(aw);
  });
}

function ensureAwaitable<T>(aw: Awaitable<T> | PromiseLike<T>): Awaitable<T> {
  // A coroutine is awaited inline, as `await coro` is in asyncio; anything else
  // becomes a future.
  if (isGeneratorObject(aw)) return aw as Coro<T>;
  return ensureFutureOn(aw, null);
}
