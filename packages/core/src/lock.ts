/**
 * Lock: mutual exclusion between the tasks of one loop, with asyncio's fairness.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { isCancelledError } from './exceptions';
import { NO_TASKS, type WaitParts } from './future';
import { ParkingLot, holding } from './parking';
import { peekRunningLoop } from './runningLoop';
import type { Coro, Task } from './types';

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
  return peekRunningLoop()?._currentTask ?? undefined;
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
  #lot: ParkingLot | undefined = undefined;
  #owner: Task<unknown> | undefined = undefined;
  // A waiter cancelled while the lock is free: keep the invariant (the head waiter is
  // woken whenever the lock is free).
  readonly #onAbandon = (_woken: boolean, e: unknown): void => {
    if (isCancelledError(e) && !this.#locked) this.#lot?.unparkHead(true);
  };

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
  acquire(): Coro<true> {
    return libraryCoro(this.#acquire(), 'Lock.acquire()');
  }

  /** @internal `acquire()` named for the primitive that owns this lock (`Condition.acquire()`). */
  _acquireAs(name: string): Coro<true> {
    return libraryCoro(this.#acquire(), name);
  }

  *#acquire(): Coro<true> {
    const lot = this.#lot;
    // Fair: a free lock is taken at once only if nobody (still interested) waits.
    if (!this.#locked && (lot === undefined || !lot.hasWaiter())) {
      this.#locked = true;
      this.#owner = ownerNow();
      return true;
    }
    yield* (lot ?? (this.#lot = new ParkingLot(this))).park(this.#onAbandon);
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
    this.#lot?.unparkHead(true);
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
  hold<R>(body: () => Coro<R>): Coro<R> {
    return libraryCoro(holding(this, body, 'Lock.hold'), 'Lock.hold()');
  }

  /** @internal `hold()` named for the primitive that owns this lock (`fn` is `Condition.hold`). */
  _holdAs<R>(body: () => Coro<R>, fn: string): Coro<R> {
    return libraryCoro(holding(this, body, fn), `${fn}()`);
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
      waiting: this.#lot?.size ?? 0,
    };
  }

  /** @internal What a task waiting for the lock waits on: the task holding it. */
  _waitParts(_side: string): WaitParts {
    const owner = this.#locked ? this.#owner : undefined;
    const text = !this.#locked
      ? `Lock ${this.toString()} (being handed over)`
      : owner === undefined
        ? `Lock ${this.toString()} (acquired outside a task)`
        : `Lock held by '${owner.getName()}'`;
    return { kind: 'lock', text, blockers: owner === undefined ? NO_TASKS : [owner], target: this };
  }

  /** `<Lock [locked, waiters:2]>` */
  toString(): string {
    const n = this.#lot?.size ?? 0;
    return `<Lock [${this.#locked ? 'locked' : 'unlocked'}${n > 0 ? `, waiters:${n}` : ''}]>`;
  }
}
