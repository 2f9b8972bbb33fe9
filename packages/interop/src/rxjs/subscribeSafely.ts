/**
 * Subscribing so that the observer can unsubscribe from inside a synchronous
 * emission.
 *
 * @module
 */

import { Observable, type Subscriber, type Subscription } from 'rxjs';

/** What {@link subscribeSafely} calls; `stop()` unsubscribes, even mid-emission. @internal */
export interface StoppableObserver<T> {
  next(value: T, stop: () => void): void;
  error(err: unknown): void;
  complete(): void;
}

/**
 * Subscribes `observer` to `source` and returns the subscription.
 *
 * RxJS's long-standing trap: `const sub = source.subscribe(v => sub.unsubscribe())`
 * fails when `source` emits synchronously during `subscribe()`, because `sub` is
 * not assigned yet — and the source keeps emitting into a consumer that wanted to
 * stop. Here the subscriber exists before the source runs: a wrapper Observable
 * receives it first, so `stop()` works at any time, and a source that checks
 * `subscriber.closed` stops emitting at once.
 *
 * @internal
 */
export function subscribeSafely<T>(
  source: Observable<T>,
  observer: StoppableObserver<T>,
): Subscription {
  let self: Subscriber<T> | undefined;
  const stop = (): void => {
    self?.unsubscribe();
  };
  const gate = new Observable<T>((subscriber) => {
    self = subscriber;
    return source.subscribe(subscriber);
  });
  return gate.subscribe({
    next: (value) => observer.next(value, stop),
    error: (err: unknown) => observer.error(err),
    complete: () => observer.complete(),
  });
}
