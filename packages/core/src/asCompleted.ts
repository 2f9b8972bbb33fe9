/**
 * asCompleted: the results of awaitables in the order they complete.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { ensureFutureOn } from './ensureFuture';
import { TimeoutError } from './exceptions';
import { isGeneratorObject, repr } from './format';
import { Future, newFuture } from './future';
import { RingQueue } from './ringQueue';
import { runningLoop } from './runningLoop';
import { checkTime } from './validate';
import type { Awaitable, Coro } from './types';

/**
 * An iterator of coroutines: the n-th one evaluates to the result of the n-th
 * awaitable to complete (or throws its error, or `TimeoutError` once the timeout
 * has passed). Coroutines among `aws` are wrapped in tasks at once.
 *
 * @throws TypeError if `aws` is a single future or coroutine instead of an iterable.
 * @example
 * ```ts
 * for (const next of asCompleted([fetchA(), fetchB(), fetchC()], { timeout: 5000 })) {
 *   const result = yield* next; // the fastest first
 *   console.log(result);
 * }
 * ```
 */
export function asCompleted<T>(
  aws: Iterable<Awaitable<T> | PromiseLike<T>>,
  opts?: { timeout?: number | null },
): IterableIterator<Coro<T>> {
  if (aws instanceof Future || isGeneratorObject(aws)) {
    throw new TypeError(`asCompleted(): expected an iterable of awaitables, got ${repr(aws)}`);
  }
  if (aws === null || typeof aws !== 'object' || !(Symbol.iterator in aws)) {
    throw new TypeError(`asCompleted(): expected an iterable of awaitables, got ${repr(aws)}`);
  }
  const timeout = opts?.timeout ?? null;
  checkTime(timeout, 'asCompleted', 'timeout', true);
  const loop = runningLoop();
  const todo = new Set<Future<T>>();
  for (const aw of new Set(aws)) todo.add(ensureFutureOn(aw, loop));
  // A small queue of completed futures (null: the timeout passed), with waiters.
  const done = new RingQueue<Future<T> | null>();
  const getters = new RingQueue<Future<void>>();
  const wakeupNext = (): void => {
    for (let g = getters.shift(); g !== undefined; g = getters.shift()) {
      if (!g.done()) {
        g.setResult(undefined);
        break;
      }
    }
  };
  const put = (f: Future<T> | null): void => {
    done.push(f);
    wakeupNext();
  };
  let timeoutHandle: { cancel(): void } | null = null;
  const onCompletion = (f: Future<T>): void => {
    if (todo.size === 0) return; // the timeout was here first
    todo.delete(f);
    put(f);
    if (todo.size === 0) timeoutHandle?.cancel();
  };
  for (const f of todo) f.addDoneCallback(onCompletion);
  if (todo.size > 0 && timeout !== null) {
    timeoutHandle = loop.callLater(timeout, () => {
      for (const f of todo) {
        f.removeDoneCallback(onCompletion);
        put(null);
      }
      todo.clear();
    });
  }
  function* waitForOne(): Coro<T> {
    while (done.length === 0) {
      const getter = newFuture<void>(loop);
      getters.push(getter);
      try {
        yield* getter;
      } catch (e) {
        getter.cancel();
        // A woken getter that is cancelled passes the wake-up on (a cancelled
        // one still in `getters` is skipped by wakeupNext).
        if (done.length > 0 && !getter.cancelled()) wakeupNext();
        throw e;
      }
    }
    const f = done.shift() as Future<T> | null;
    if (f === null) throw new TimeoutError('');
    return f.result();
  }
  let left = todo.size;
  const it: IterableIterator<Coro<T>> = {
    next(): IteratorResult<Coro<T>> {
      if (left === 0) return { done: true, value: undefined };
      left--;
      return { done: false, value: libraryCoro(waitForOne(), 'asCompleted() item') };
    },
    [Symbol.iterator]() {
      return it;
    },
  };
  return it;
}
