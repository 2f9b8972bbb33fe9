/**
 * toObservable: a Future, a Task or a coroutine factory as an RxJS Observable.
 *
 * @module
 */

import { type Coro, type EventLoop, type Future, isFuture } from '@aio/core';
import { Observable, type Subscriber } from 'rxjs';
import { describe } from '../internal/describe';
import { runningLoop } from '../internal/loops';

/**
 * Options of {@link toObservable} for an existing Future or Task.
 *
 * @example
 * ```ts
 * import type { ToObservableOptions } from '@aio/interop/rxjs';
 *
 * const opts: ToObservableOptions = { cancelOnUnsubscribe: true };
 * console.log(opts.cancelOnUnsubscribe); // → true
 * ```
 */
export interface ToObservableOptions {
  /** Cancel the future when its last subscriber unsubscribes before it is done. Default `false`. */
  cancelOnUnsubscribe?: boolean;
}

/**
 * Options of {@link toObservable} for a coroutine factory.
 *
 * @example
 * ```ts
 * import { EventLoop } from '@aio/core';
 * import type { ToObservableFactoryOptions } from '@aio/interop/rxjs';
 *
 * const opts: ToObservableFactoryOptions = { loop: new EventLoop() };
 * console.log(opts.loop?.isClosed()); // → false
 * ```
 */
export interface ToObservableFactoryOptions {
  /** The loop that runs each subscription's task (default: the loop running at subscribe time). */
  loop?: EventLoop;
}

/**
 * An Observable of a Future's outcome, or of a coroutine run per subscription.
 *
 * **A Future or Task (hot)**: every subscriber gets the same outcome — the result
 * then completion, or an error: the future's exception (the same object), or a
 * `CancelledError` if it is cancelled. A future that is already done emits
 * synchronously on subscribe; a pending one emits from its done-callback, in the
 * loop. Unsubscribing never affects the future, unless `cancelOnUnsubscribe` is set:
 * then the future is cancelled when its last subscriber leaves before it is done.
 *
 * **A coroutine factory `() => coro` (cold)**: each subscription calls the factory
 * and runs the coroutine as a new task on `opts.loop` or on the loop running at
 * subscribe time; the task's result is emitted, then completion. **Unsubscribing
 * cancels that task** (with the message `toObservable(): unsubscribed`). If the
 * factory throws, or there is no loop, the subscriber gets the error.
 *
 * @throws TypeError if `source` is neither an aio Future nor a function.
 * @example
 * ```ts
 * import { run, sleep, type Coro } from '@aio/core';
 * import { fromObservable, toObservable } from '@aio/interop/rxjs';
 * import { map } from 'rxjs';
 *
 * function* answer(): Coro<number> {
 *   yield* sleep(10);
 *   return 21;
 * }
 * function* main(): Coro<number> {
 *   const doubled = toObservable(() => answer()).pipe(map((n) => n * 2));
 *   return yield* fromObservable(doubled);
 * }
 * console.log(await run(main())); // → 42
 * ```
 */
export function toObservable<T>(source: Future<T>, opts?: ToObservableOptions): Observable<T>;
export function toObservable<T>(
  source: () => Coro<T>,
  opts?: ToObservableFactoryOptions,
): Observable<T>;
export function toObservable<T>(
  source: Future<T> | (() => Coro<T>),
  opts?: ToObservableOptions & ToObservableFactoryOptions,
): Observable<T> {
  if (isFuture(source)) return hot(source as Future<T>, opts?.cancelOnUnsubscribe === true);
  if (typeof source === 'function') return cold(source, opts?.loop);
  throw new TypeError(
    `toObservable(): source must be an aio Future or Task, or a function returning a coroutine, got ${describe(source)}`,
  );
}

function hot<T>(fut: Future<T>, cancelOnUnsubscribe: boolean): Observable<T> {
  let subscribers = 0;
  return new Observable<T>((subscriber) => {
    if (fut.done()) {
      deliver(fut, subscriber);
      return undefined;
    }
    subscribers++;
    const onDone = (f: Future<T>): void => deliver(f, subscriber);
    fut.addDoneCallback(onDone);
    return () => {
      subscribers--;
      if (fut.done()) return;
      fut.removeDoneCallback(onDone);
      if (cancelOnUnsubscribe && subscribers === 0) {
        fut.cancel('toObservable(): the last subscriber unsubscribed');
      }
    };
  });
}

function cold<T>(factory: () => Coro<T>, loopOpt: EventLoop | undefined): Observable<T> {
  return new Observable<T>((subscriber) => {
    const loop = loopOpt ?? runningLoop();
    if (loop === undefined) {
      throw new Error(
        'toObservable(): no running event loop to start the task on: subscribe from a ' +
          'coroutine or a loop callback, or pass { loop }',
      );
    }
    const task = loop.createTask(factory());
    const onDone = (t: Future<T>): void => deliver(t, subscriber);
    task.addDoneCallback(onDone);
    return () => {
      if (task.done()) return;
      task.removeDoneCallback(onDone);
      task.cancel('toObservable(): unsubscribed');
    };
  });
}

/** Sends a done future's outcome to a subscriber. */
function deliver<T>(fut: Future<T>, subscriber: Subscriber<T>): void {
  if (subscriber.closed) return;
  let value: T;
  try {
    value = fut.result();
  } catch (e) {
    subscriber.error(e);
    return;
  }
  subscriber.next(value);
  subscriber.complete();
}
