/**
 * Lock: mutual exclusion between the tasks of one loop, with asyncio's fairness.
 *
 * @module
 */

import type { EventLoop } from './eventLoop';
import { isCancelledError } from './exceptions';
import type { Future } from './future';
import { peekRunningLoop } from './runningLoop';
import type { Task } from './task';
import { currentTask } from './taskFunctions';
import type { Coro } from './types';
import { WaiterQueue, bindLoop } from './waiters';

/**
 * What {@link Lock.statistics} reports.
 *
 * @example
 * ```ts
 * const { locked, owner, waiting } = lock.statistics();
 * ```
 */
export interface LockStatistics {
  /** Whether the lock is held. */
  locked: boolean;
  /** The task that acquired it (`undefined` when unlocked, or acquired outside a task). */
  owner: Task<unknown> | undefined;
  /** How many tasks are blocked in `acquire()`. */
  waiting: number;
}

/** The task running now, if any; never throws. */
function ownerNow(): Task<unknown> | undefined {
  const loop = peekRunningLoop();
  return loop === null ? undefined : currentTask(loop);
}

/**
 * A mutual-exclusion lock for tasks, like asyncio's `Lock`. It is not owned by a task:
 * any task may release it (the `owner` in {@link Lock.statistics} is informational).
 *
 * Waiters acquire it in FIFO order. A released lock is handed to the first waiter:
 * a task that calls `acquire()` after the release but before that waiter has run
 * queues behind it instead of taking the lock (asyncio's fairness). A waiter that is
 * cancelled after being woken passes the wake-up to the next waiter.
 *
 * Uncontended `acquire()` and `release()` allocate no future.
 *
 * @example
 * ```ts
 * const lock = new Lock();
 * function* worker(name: string): Coro<void> {
 *   yield* lock.hold(function* () {
 *     console.log(name, 'has the lock');
 *     yield* sleep(10);
 *   });
 * }
 * ```
 */
export class Lock {
  #locked = false;
  #waiters: WaiterQueue<Future<boolean>> | undefined = undefined;
  #loop: EventLoop | undefined = undefined;
  #owner: Task<unknown> | undefined = undefined;

  /**
   * Whether the lock is held.
   *
   * @example
   * ```ts
   * if (!lock.locked()) yield* lock.acquire();
   * ```
   */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * Acquires the lock: at once if it is free and nobody waits for it, otherwise
   * after every earlier waiter. Evaluates to `true`.
   *
   * Cancelled while waiting: throws `CancelledError` and does not hold the lock; if
   * the lock had already been handed to this task, it goes to the next waiter.
   *
   * @throws Error if the lock is bound to another loop.
   * @example
   * ```ts
   * yield* lock.acquire();
   * try {
   *   yield* work();
   * } finally {
   *   lock.release();
   * }
   * ```
   */
  *acquire(): Coro<true> {
    const waiters = this.#waiters;
    // Fair: a free lock is taken at once only if nobody (still interested) waits.
    if (!this.#locked && (waiters === undefined || !waiters.some(notCancelled))) {
      this.#locked = true;
      this.#owner = ownerNow();
      return true;
    }
    const queue = waiters ?? (this.#waiters = new WaiterQueue());
    const loop = (this.#loop = bindLoop(this.#loop, this));
    const fut = loop.createFuture<boolean>();
    const ticket = queue.push(fut);
    try {
      try {
        yield* fut;
      } finally {
        queue.remove(ticket, fut);
      }
    } catch (e) {
      // Keep the invariant: if the lock is free, the head waiter is woken.
      if (isCancelledError(e) && !this.#locked) this.#wakeUpFirst();
      throw e;
    }
    this.#locked = true;
    this.#owner = ownerNow();
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter, if any.
   *
   * @throws Error if the lock is not held.
   * @example
   * ```ts
   * lock.release();
   * ```
   */
  release(): void {
    if (!this.#locked) throw new Error('Lock.release(): the lock is not acquired');
    this.#locked = false;
    this.#owner = undefined;
    this.#wakeUpFirst();
  }

  /**
   * Runs `body` holding the lock (asyncio's `async with lock:`): acquires, runs the
   * body, and releases however the body ends (result, error or cancellation).
   * Evaluates to the body's result. If the acquire itself is cancelled, the body
   * does not run.
   *
   * @example
   * ```ts
   * const n = yield* lock.hold(function* () {
   *   yield* sleep(1);
   *   return 42;
   * });
   * ```
   */
  *hold<R>(body: () => Coro<R>): Coro<R> {
    yield* this.acquire();
    try {
      return yield* body();
    } finally {
      this.release();
    }
  }

  /**
   * A snapshot for diagnostics: held or not, by which task, how many wait.
   *
   * @example
   * ```ts
   * console.log(lock.statistics()); // { locked: true, owner: <Task …>, waiting: 2 }
   * ```
   */
  statistics(): LockStatistics {
    return {
      locked: this.#locked,
      owner: this.#locked ? this.#owner : undefined,
      waiting: this.#waiters?.size ?? 0,
    };
  }

  /** `<Lock [locked, waiters:2]>` */
  toString(): string {
    const n = this.#waiters?.size ?? 0;
    return `<Lock [${this.#locked ? 'locked' : 'unlocked'}${n > 0 ? `, waiters:${n}` : ''}]>`;
  }

  /** Makes sure the first waiter will wake up (a done one is already waking). */
  #wakeUpFirst(): void {
    const fut = this.#waiters?.first();
    if (fut !== undefined && !fut.done()) fut.setResult(true);
  }
}

function notCancelled(fut: Future<unknown>): boolean {
  return !fut.cancelled();
}
