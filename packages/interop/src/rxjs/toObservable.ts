/**
 * toObservable: a Future, a Task, a coroutine, a Queue or an AioIterator as an RxJS
 * Observable.
 *
 * @module
 */

import {
  type AioIterator,
  type Coro,
  type EventLoop,
  type Future,
  isFuture,
  Queue,
  type TaskGroup,
} from '@aio/core';
import { Observable, type Subscriber } from 'rxjs';
import { describe } from '../internal/describe';
import { runningLoop } from '../internal/loops';
import {
  type Final,
  isAioIterator,
  isCoroutine,
  runFactory,
  runIterator,
  runSubscription,
  type SubscriptionState,
} from './subscriptionTask';

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
 * Options of {@link toObservable} for a factory, a `Queue` or an `AioIterator`:
 * the sources read by a task per subscription.
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
 * An Observable of a Future's outcome, of a coroutine run per subscription, or of
 * a stream of items (a `Queue`, an `AioIterator`, or a factory of one).
 *
 * **A Future or Task (hot)**: every subscriber gets the same outcome — the result
 * then completion, or an error: the future's exception (the same object), or a
 * `CancelledError` if it is cancelled. A future that is already done emits
 * synchronously on subscribe; a pending one emits from its done-callback, in the
 * loop. Unsubscribing never affects the future, unless `cancelOnUnsubscribe` is set:
 * then the future is cancelled when its last subscriber leaves before it is done.
 *
 * Every other source is read by **a task per subscription** on `opts.loop` or on
 * the loop running at subscribe time (no loop: the subscriber gets an error).
 * Items are emitted from that task's steps, one per item read, and the next item
 * is read only once the previous one is emitted; completion and errors come from
 * its done-callback. **Unsubscribing cancels that task** (message
 * `toObservable(): unsubscribed`); a failure after the subscriber left goes to the
 * loop's exception handler.
 *
 * - **A factory `(tg) => coro` or `(tg) => iterator` (cold)**: called in the
 *   subscription's task, with a `TaskGroup` owned by it. A coroutine's result is
 *   emitted, then completion. An `AioIterator` is read to its end, then
 *   completion. Tasks created with `tg.createTask` (a producer filling a queue)
 *   belong to the subscription: unsubscribing cancels them and waits for them;
 *   completion waits for them; their failure errors the subscriber. A single
 *   failure is emitted as it is (the same object), several as a `TaskGroupError`.
 * - **A `Queue`**: each subscription reads the queue with `get()` like a consumer
 *   task: items are split between subscriptions, and items already in the queue go
 *   to the first subscription that reads. Shutting the queue down completes every
 *   subscription once the queue is drained (at once with `shutdown(true)`).
 *   Unsubscribing loses no item and leaves the queue open.
 * - **An `AioIterator`** (`observe(…)`, `iterate(…)`, `queue.iter()`, your own):
 *   one subscription at a time reads it (another one meanwhile errors); the
 *   iterator's error is emitted as it is. Unsubscribing calls its `return()`,
 *   so a later subscription finds it finished.
 *
 * @throws TypeError if `source` is none of these (a coroutine given directly
 * included: pass `() => coro`).
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
 * @example
 * ```ts
 * import { Queue, run, type Coro } from '@aio/core';
 * import { fromObservable, toObservable } from '@aio/interop/rxjs';
 * import { take, toArray } from 'rxjs';
 *
 * const log: string[] = [];
 * function* produce(queue: Queue<number>): Coro<void> {
 *   try {
 *     for (let i = 1; ; i++) yield* queue.put(i); // blocks while the queue is full
 *   } finally {
 *     log.push('producer stopped');
 *   }
 * }
 * function* main(): Coro<number[]> {
 *   const numbers$ = toObservable((tg) => {
 *     const queue = new Queue<number>(2);
 *     tg.createTask(produce(queue)); // lives as long as the subscription
 *     return queue.iter();
 *   });
 *   return yield* fromObservable(numbers$.pipe(take(3), toArray()));
 * }
 * console.log(await run(main())); // → [1,2,3]
 * console.log(log); // → ["producer stopped"]
 * ```
 */
export function toObservable<T>(source: Future<T>, opts?: ToObservableOptions): Observable<T>;
export function toObservable<T>(source: Queue<T>, opts?: ToObservableFactoryOptions): Observable<T>;
export function toObservable<T>(
  source: AioIterator<T>,
  opts?: ToObservableFactoryOptions,
): Observable<T>;
export function toObservable<T>(
  source: (tg: TaskGroup) => Coro<T>,
  opts?: ToObservableFactoryOptions,
): Observable<T>;
export function toObservable<T>(
  source: (tg: TaskGroup) => AioIterator<T>,
  opts?: ToObservableFactoryOptions,
): Observable<T>;
export function toObservable<T>(
  source: Future<T> | Queue<T> | AioIterator<T> | ((tg: TaskGroup) => Coro<T> | AioIterator<T>),
  opts?: ToObservableOptions & ToObservableFactoryOptions,
): Observable<T> {
  if (isFuture(source)) return hot(source as Future<T>, opts?.cancelOnUnsubscribe === true);
  const loopOpt = opts?.loop;
  if (source instanceof Queue) {
    return perSubscription<T>(loopOpt, (subscriber, state) =>
      runIterator(source.iter(), subscriber, state, false),
    );
  }
  if (typeof source === 'function') {
    return perSubscription<T>(loopOpt, (subscriber, state) =>
      runFactory(source, subscriber, state),
    );
  }
  if (isCoroutine(source)) {
    throw new TypeError(
      'toObservable(): got a coroutine; pass a factory `() => coro` (a new task per ' +
        'subscription) or a task `createTask(coro)` (one shared outcome)',
    );
  }
  if (isAioIterator(source)) return fromIterator(source as AioIterator<T>, loopOpt);
  throw new TypeError(
    'toObservable(): source must be an aio Future or Task, a Queue, an AioIterator, or a ' +
      `function returning a coroutine or an AioIterator, got ${describe(source)}`,
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

/** An Observable whose every subscription runs `body` as its own task. */
function perSubscription<T>(
  loopOpt: EventLoop | undefined,
  body: (subscriber: Subscriber<T>, state: SubscriptionState) => Coro<Final<T>>,
  onSubscribe?: (subscriber: Subscriber<T>) => (() => void) | null,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const loop = loopOpt ?? runningLoop();
    if (loop === undefined) {
      throw new Error(
        'toObservable(): no running event loop to start the task on: subscribe from a ' +
          'coroutine or a loop callback, or pass { loop }',
      );
    }
    const release = onSubscribe === undefined ? undefined : onSubscribe(subscriber);
    if (release === null) return undefined;
    try {
      return runSubscription(subscriber, loop, (state) => body(subscriber, state), release);
    } catch (e) {
      release?.(); // no task was created (a closed loop): nothing will release it later
      throw e;
    }
  });
}

/** The AioIterators that a subscription is reading now (one consumer at a time). */
const reading = new WeakSet<object>();

function fromIterator<T>(it: AioIterator<T>, loopOpt: EventLoop | undefined): Observable<T> {
  return perSubscription<T>(
    loopOpt,
    (subscriber, state) => runIterator(it, subscriber, state, true),
    (subscriber) => {
      if (reading.has(it)) {
        subscriber.error(
          new Error(
            'toObservable(): this AioIterator is already being read by another subscription; ' +
              'an iterator has one consumer: subscribe once (share() the observable), or pass ' +
              'a factory `() => iterator` for a new iterator per subscription',
          ),
        );
        return null;
      }
      reading.add(it);
      return () => reading.delete(it);
    },
  );
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
