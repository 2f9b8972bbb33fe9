/**
 * The specification of the hand-written coroutines (`sleep()`, `Queue.get()`,
 * `Queue.put()`), as the plain generator functions they stand for. The hand-written
 * objects exist for speed only (coroutineOp.ts says why); `coroutineOps.test.ts` runs
 * one behaviour suite against both, so that they can never drift apart.
 *
 * `return()` while waiting (the coroutine being closed) cleans up like an error does, as
 * CPython's bare `except:` does for `GeneratorExit`: hence `finally` with a flag.
 */

import { runningLoop } from './runningLoop';
import type { Queue } from './queues';
import { wakeUpNext } from './queueOps';
import type { Coro } from './types';
import { checkTime } from './validate';

/** `sleep(ms, result)`. */
export function* sleepSpec<T>(ms: number, result?: T): Coro<T> {
  checkTime(ms, 'sleep', 'ms');
  if (ms <= 0) {
    yield;
    return result as T;
  }
  const loop = runningLoop();
  const fut = loop.createFuture<T>();
  const h = loop.callLater(ms, () => {
    if (!fut.done()) fut.setResult(result as T);
  });
  try {
    return yield* fut;
  } finally {
    h.cancel();
  }
}

/** `queue.get()`. */
export function* getSpec<T>(queue: Queue<T>): Coro<T> {
  while (queue.empty()) {
    if (queue._isShutdown) throw queue._shutDownError('get');
    const getter = queue._newWaiter('get');
    const ticket = queue._getters.push(getter);
    let woken = false;
    try {
      yield* getter;
      woken = true;
    } finally {
      if (!woken) {
        getter.cancel();
        queue._getters.remove(ticket, getter);
        // A wake-up this getter got but will not use goes to the next one.
        if (!queue.empty() && !getter.cancelled()) wakeUpNext(queue._getters);
      }
    }
  }
  return queue.getNowait();
}

/** `queue.put(item)`. */
export function* putSpec<T>(queue: Queue<T>, item: T): Coro<void> {
  while (queue.full()) {
    if (queue._isShutdown) throw queue._shutDownError('put');
    const putter = queue._newWaiter('put');
    const ticket = queue._putters.push(putter);
    let woken = false;
    try {
      yield* putter;
      woken = true;
    } finally {
      if (!woken) {
        putter.cancel();
        queue._putters.remove(ticket, putter);
        if (!queue.full() && !putter.cancelled()) wakeUpNext(queue._putters);
      }
    }
  }
  queue.putNowait(item);
}
