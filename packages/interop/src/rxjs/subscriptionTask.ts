/**
 * The task behind one subscription of a cold {@link toObservable}: it reads the
 * source, emits from its own steps, and ends with the subscription.
 *
 * @module
 */

import {
  type AioIterator,
  type Coro,
  type EventLoop,
  isCancelledError,
  type Task,
  type TaskGroup,
  TaskGroupError,
  taskGroup,
} from '@aio/core';
import type { Subscriber, TeardownLogic } from 'rxjs';
import { describe } from '../internal/describe';

/** The cancel message of a subscription's task when its subscriber leaves. @internal */
export const UNSUBSCRIBED = 'toObservable(): unsubscribed';

/** What a subscription's body returns: one last value to emit, or none. @internal */
export type Final<T> = { value: T } | null;

/**
 * Shared between a subscription's teardown and its body. The body reads
 * `stopped` at its first step (a task cancelled before its first step never runs
 * its coroutine, so a `finally` there could not release anything).
 *
 * @internal
 */
export interface SubscriptionState {
  /** The body's first step has run. */
  started: boolean;
  /** The subscriber left before the first step. */
  stopped: boolean;
}

/**
 * Runs `body` as the task of one subscription, on `loop`.
 *
 * - The body emits values itself, with `subscriber.next`, from its steps. What it
 *   returns is delivered from the task's done-callback: its `value` if any, then
 *   `complete`; its exception goes to `error` (the same object; a
 *   `CancelledError` if the task is cancelled by someone else).
 * - Teardown (the subscriber leaves) cancels the task with {@link UNSUBSCRIBED};
 *   before the first step, it sets `stopped` instead, and the body stops there.
 * - A failure after the subscriber left (a `return()` or a producer failing
 *   while the task is being cancelled) goes to the loop's exception handler:
 *   RxJS would drop it.
 *
 * @internal
 */
export function runSubscription<T>(
  subscriber: Subscriber<T>,
  loop: EventLoop,
  body: (state: SubscriptionState) => Coro<Final<T>>,
  onDone?: () => void,
): TeardownLogic {
  const state: SubscriptionState = { started: false, stopped: false };
  // Named, so that task dumps and traces say what the task is (and its name does not
  // depend on how many unnamed tasks the process made before).
  const task = loop.createTask(body(state), { name: 'toObservable subscription' });
  task.addDoneCallback((t) => {
    onDone?.();
    settle(t as Task<Final<T>>, subscriber, loop);
  });
  return () => {
    if (task.done()) return;
    if (state.started) task.cancel(UNSUBSCRIBED);
    else state.stopped = true;
  };
}

function settle<T>(task: Task<Final<T>>, subscriber: Subscriber<T>, loop: EventLoop): void {
  let final: Final<T>;
  try {
    final = task.result();
  } catch (e) {
    if (!subscriber.closed) subscriber.error(e);
    else if (!isCancelledError(e)) {
      loop.callExceptionHandler({
        message: 'toObservable(): the subscription failed after its subscriber left',
        exception: e,
        task: task as Task<unknown>,
      });
    }
    return;
  }
  if (final !== null) subscriber.next(final.value);
  subscriber.complete();
}

/**
 * Emits every item of `it` to `subscriber`, one per `next()`, reading the next
 * item only once the previous one is emitted. Stopped early (cancelled, or the
 * subscriber threw), it calls `it.return()` — not after the end, nor after
 * `next()` failed, as `for…of` does.
 *
 * @internal
 */
export function* pump<T>(it: AioIterator<T>, subscriber: Subscriber<T>): Coro<void> {
  let open = true;
  try {
    for (;;) {
      let r: IteratorResult<T, undefined>;
      try {
        r = yield* it.next();
      } catch (e) {
        if (!isCancelledError(e)) open = false; // a failed iterator is finished
        throw e;
      }
      if (r.done) {
        open = false;
        return;
      }
      subscriber.next(r.value);
      if (subscriber.closed) {
        // The subscriber left inside next() (`take(n)`, a switchMap): teardown has
        // requested the cancellation of this very task, which arrives at its next
        // yield. Yield here, so that it arrives now rather than inside return().
        yield;
        return;
      }
    }
  } finally {
    if (open) yield* it.return();
  }
}

/** Whether `x` is a coroutine: a generator object, or a hand-written one (same prototype). @internal */
export function isCoroutine(x: unknown): x is Coro<unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    Object.prototype.toString.call(x) === '[object Generator]'
  );
}

/** Whether `x` has the shape of an AioIterator (and is not a coroutine). @internal */
export function isAioIterator(x: unknown): x is AioIterator<unknown> {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as AioIterator<unknown>).next === 'function' &&
    typeof (x as AioIterator<unknown>).return === 'function' &&
    !isCoroutine(x)
  );
}

/**
 * The body of a factory subscription: calls `factory(tg)` in a task group owned
 * by the subscription's task, then runs the coroutine it returns (its result is
 * the final value) or pumps the AioIterator it returns. Tasks created with `tg`
 * end with the subscription. A failure of one kind (the coroutine, the iterator,
 * a task of the group) is thrown as it is, not wrapped in a `TaskGroupError`.
 *
 * @internal
 */
export function* runFactory<T>(
  factory: (tg: TaskGroup) => Coro<T> | AioIterator<T>,
  subscriber: Subscriber<T>,
  state: SubscriptionState,
): Coro<Final<T>> {
  state.started = true;
  if (state.stopped) return null;
  try {
    return yield* taskGroup(function* (tg): Coro<Final<T>> {
      const made: unknown = factory(tg);
      if (isCoroutine(made)) return { value: (yield* made) as T };
      if (isAioIterator(made)) {
        yield* pump(made as AioIterator<T>, subscriber);
        return null;
      }
      throw new TypeError(
        `toObservable(): the factory must return a coroutine or an AioIterator (next and return), got ${describe(made)}`,
      );
    });
  } catch (e) {
    // Our group's error: a single failure is handed on as it is (identity kept).
    if (e instanceof TaskGroupError && e.errors.length === 1) throw e.errors[0];
    throw e;
  }
}

/**
 * The body of an AioIterator or Queue subscription: pumps `it`. Stopped before
 * its first step, it still calls `it.return()` when `releaseUnread` is set (an
 * iterator handed over by the user is released by unsubscribing, read or not).
 *
 * @internal
 */
export function* runIterator<T>(
  it: AioIterator<T>,
  subscriber: Subscriber<T>,
  state: SubscriptionState,
  releaseUnread: boolean,
): Coro<Final<T>> {
  state.started = true;
  if (state.stopped) {
    if (releaseUnread) yield* it.return();
    return null;
  }
  yield* pump(it, subscriber);
  return null;
}
