/**
 * fromObservable: an RxJS Observable's last (or first) value as a Future.
 *
 * @module
 */

import { type EventLoop, type Future, getRunningLoop } from '@aio/core';
import { EmptyError, isObservable, type Observable } from 'rxjs';
import { describe } from '../internal/describe';
import { subscribeSafely } from './subscribeSafely';

/**
 * Options of {@link fromObservable}.
 *
 * @example
 * ```ts
 * import type { FromObservableOptions } from '@aio/interop/rxjs';
 *
 * const opts: FromObservableOptions<number> = { first: true, defaultValue: 0 };
 * console.log(opts.defaultValue); // → 0
 * ```
 */
export interface FromObservableOptions<T> {
  /** Take the first value (and unsubscribe at once) instead of the last. Default `false`. */
  first?: boolean;
  /** The result when the observable completes without a value (else `EmptyError`). */
  defaultValue?: T;
  /** The loop the future belongs to (default: the running loop). */
  loop?: EventLoop;
}

/**
 * A Future for an Observable's last value (or its first, with `first: true`), like
 * RxJS's `lastValueFrom` / `firstValueFrom` but cancellable from aio.
 *
 * - Subscribes at once. With `first`, unsubscribes on the first value — safely even
 *   while the source is still emitting synchronously inside `subscribe()`.
 * - The observable's error fails the future with the same error object.
 * - Completing without a value gives `defaultValue` when one is given (even
 *   `undefined`), else fails with RxJS's `EmptyError` (`no elements in sequence`).
 * - **Cancelling the future** (or the task that awaits it) unsubscribes (from a
 *   done-callback, in the next loop iteration; values arriving meanwhile are
 *   ignored).
 * - The future completes from the observer, so an emission from outside the loop
 *   (a host timer, a DOM event) wakes the loop.
 *
 * @throws TypeError if `obs` is not an Observable; Error outside a running loop (without `loop`).
 * @example
 * ```ts
 * import { run, type Coro } from '@aio/core';
 * import { fromObservable } from '@aio/interop/rxjs';
 * import { of } from 'rxjs';
 *
 * function* main(): Coro<string> {
 *   const last = yield* fromObservable(of(1, 2, 3));
 *   const first = yield* fromObservable(of(1, 2, 3), { first: true });
 *   return `${first}..${last}`;
 * }
 * console.log(await run(main())); // → 1..3
 * ```
 */
export function fromObservable<T>(obs: Observable<T>, opts?: FromObservableOptions<T>): Future<T> {
  if (!isObservable(obs)) {
    throw new TypeError(`fromObservable(): obs must be an RxJS Observable, got ${describe(obs)}`);
  }
  const loop = opts?.loop ?? getRunningLoop();
  const fut = loop.createFuture<T>();
  const first = opts?.first === true;
  const hasDefault = opts !== undefined && 'defaultValue' in opts;
  let hasValue = false;
  let last: T | undefined;
  const settle = (ok: boolean, value: unknown): void => {
    if (fut.done() || loop.isClosed()) return;
    if (ok) fut.setResult(value as T);
    else if (value === undefined) {
      fut.setException(new TypeError('fromObservable(): the observable errored with undefined'));
    } else fut.setException(value);
  };
  const subscription = subscribeSafely(obs, {
    next(value, stop) {
      if (first) {
        stop();
        settle(true, value);
      } else {
        hasValue = true;
        last = value;
      }
    },
    error(err) {
      settle(false, err);
    },
    complete() {
      if (hasValue) settle(true, last);
      else if (hasDefault) settle(true, opts.defaultValue);
      else settle(false, new EmptyError());
    },
  });
  if (!subscription.closed) fut.addDoneCallback(() => subscription.unsubscribe());
  return fut;
}
