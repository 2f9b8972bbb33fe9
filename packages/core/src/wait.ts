/**
 * wait: wait for a set of futures until all, the first, or the first failure is
 * done, with an optional timeout that cancels nothing.
 *
 * @module
 */

import { captureMap } from './contextvars';
import { libraryCoro } from './coroutineOp';
import type { DoneWaker, Waitable } from './events';
import { isGeneratorObject, repr } from './format';
import { CoreFuture, FINISHED, Future, PENDING, type WaitParts } from './future';
import { Task } from './task';
import type * as api from './types';
import { runningLoop } from './runningLoop';
import type { Coro } from './types';
import { checkTime } from './validate';

/**
 * When {@link wait} returns.
 *
 * @example
 * ```ts
 * const when: ReturnWhen = 'FIRST_EXCEPTION';
 * ```
 */
export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';

/**
 * `wait` returns when any future is done.
 *
 * @example
 * ```ts
 * yield* wait(tasks, { returnWhen: FIRST_COMPLETED });
 * ```
 */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/**
 * `wait` returns when any future fails, or all are done.
 *
 * @example
 * ```ts
 * yield* wait(tasks, { returnWhen: FIRST_EXCEPTION });
 * ```
 */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/**
 * `wait` returns when all futures are done (the default).
 *
 * @example
 * ```ts
 * yield* wait(tasks, { returnWhen: ALL_COMPLETED, timeout: 1000 });
 * ```
 */
export const ALL_COMPLETED = 'ALL_COMPLETED';

/**
 * Options of {@link wait}.
 *
 * @example
 * ```ts
 * const [done, pending] = yield* wait(tasks, { timeout: 500 });
 * ```
 */
export interface WaitOptions {
  /** Return after this many ms even if the condition is not met (nothing is cancelled). */
  timeout?: number | null;
  /** When to return (default `'ALL_COMPLETED'`). */
  returnWhen?: ReturnWhen;
}

/** The future `wait()` suspends on: it knows what it waits for. */
class WaitFuture extends CoreFuture<void> {
  constructor(
    opts: { loop: api.EventLoop },
    /** @internal */ readonly _fs: ReadonlySet<api.Future<unknown>>,
    /** @internal */ readonly _returnWhen: ReturnWhen,
  ) {
    super(opts);
  }

  /** @internal `wait for 3 futures (FIRST_COMPLETED), 2 pending`. */
  override _describeWait(): WaitParts {
    const blockers: api.Task<unknown>[] = [];
    let pending = 0;
    for (const f of this._fs) {
      if (f.done()) continue;
      pending++;
      if (f instanceof Task) blockers.push(f);
    }
    const n = this._fs.size;
    return {
      kind: 'wait',
      text: `wait for ${n} future${n === 1 ? '' : 's'} (${this._returnWhen}), ${pending} pending`,
      blockers,
    };
  }
}

/**
 * Waits for the futures (or tasks) in `aws` and evaluates to `[done, pending]`,
 * two sets. Nothing is cancelled, not even on timeout.
 *
 * @throws TypeError for coroutines (wrap them in tasks) or non-futures;
 * RangeError for an empty collection or a bad `returnWhen`.
 * @example
 * ```ts
 * const [done, pending] = yield* wait([t1, t2], { returnWhen: 'FIRST_COMPLETED' });
 * for (const t of pending) t.cancel();
 * ```
 */
export function wait<F extends api.Future<unknown>>(
  aws: Iterable<F>,
  opts?: WaitOptions,
): Coro<[Set<F>, Set<F>]> {
  return libraryCoro(waitGen(aws, opts), 'wait()');
}

function* waitGen<F extends api.Future<unknown>>(
  aws: Iterable<F>,
  opts?: WaitOptions,
): Coro<[Set<F>, Set<F>]> {
  if (aws instanceof Future || isGeneratorObject(aws)) {
    throw new TypeError(`wait(): expected an iterable of futures, got ${repr(aws)}`);
  }
  if (aws === null || typeof aws !== 'object' || !(Symbol.iterator in aws)) {
    throw new TypeError(`wait(): expected an iterable of futures, got ${repr(aws)}`);
  }
  const returnWhen = opts?.returnWhen ?? ALL_COMPLETED;
  if (
    returnWhen !== ALL_COMPLETED &&
    returnWhen !== FIRST_COMPLETED &&
    returnWhen !== FIRST_EXCEPTION
  ) {
    throw new RangeError(`wait(): invalid returnWhen value: ${repr(returnWhen)}`);
  }
  const timeout = opts?.timeout ?? null;
  checkTime(timeout, 'wait', 'timeout', true);
  const fs = new Set<F>(aws);
  if (fs.size === 0) throw new RangeError('wait(): the set of tasks/futures is empty');
  for (const f of fs) {
    if (isGeneratorObject(f)) {
      throw new TypeError(
        'wait(): passing coroutines is forbidden, wrap them in tasks with createTask()',
      );
    }
    if (!(f instanceof Future)) {
      throw new TypeError(
        `wait(): every item must be a Future or Task, got ${repr(f)} (wrap promises with wrapPromise())`,
      );
    }
  }
  const loop = runningLoop();
  const waiter = new WaitFuture(loop._opts, fs, returnWhen);
  const timeoutHandle =
    timeout === null
      ? null
      : loop.callLater(timeout, () => {
          if (!waiter.done()) waiter.setResult(undefined);
        });
  let counter = fs.size;
  // Callbacks scheduled and not run yet (their futures are done, not counted yet).
  let scheduled = 0;
  const onCompletion = (f: api.Future<unknown>): void => {
    scheduled--;
    counter--;
    if (
      counter <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      // As CPython: `f.exception()` marks the error retrieved (no "never retrieved" report).
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== undefined)
    ) {
      timeoutHandle?.cancel();
      if (!waiter.done()) waiter.setResult(undefined);
    }
  };
  // asyncio adds `onCompletion` as a done-callback of every future. One waker for all of
  // them does the same (each completion schedules `onCompletion`, in the context of the
  // wait() call), except that a completion that is not the last and whose callback would
  // only count it (ALL_COMPLETED; a result under FIRST_EXCEPTION) is counted at once:
  // nothing can tell the difference, and waiting for 100 000 tasks schedules one
  // callback instead of 100 000 (gather.ts does the same).
  const ctxMap = captureMap();
  const waker: DoneWaker = {
    _onDone(w: Waitable): void {
      const f = w as Future<unknown>;
      if (
        counter - scheduled > 1 &&
        (returnWhen === ALL_COMPLETED || (returnWhen === FIRST_EXCEPTION && f._state === FINISHED))
      ) {
        counter--;
        return;
      }
      scheduled++;
      loop._callSoonOne(onCompletion, f, ctxMap);
    },
    // The waiting task awaits each future (getAwaitedBy reads it).
    _awaiter: loop._currentTask,
  };
  for (const f of fs as Set<api.Future<unknown>> as Set<Future<unknown>>) {
    if (f._state === PENDING) {
      f._addWaker(waker);
    } else {
      // A done future's callback is scheduled at once, as addDoneCallback does.
      scheduled++;
      loop._callSoonOne(onCompletion, f, ctxMap);
    }
  }
  try {
    yield* waiter;
  } finally {
    timeoutHandle?.cancel();
    for (const f of fs as Set<api.Future<unknown>> as Set<Future<unknown>>) f._removeWaker(waker);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return [done, pending];
}
