/**
 * Condition: a condition variable over a Lock.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { isCancelledError } from './exceptions';
import { Lock } from './lock';
import type { WaitParts } from './future';
import { ParkingLot, waitingOn } from './parking';
import type { Coro, Task } from './types';

/**
 * What {@link Condition.statistics} reports.
 *
 * @example
 * ```ts
 * const { locked, owner, waiting, lockWaiting } = cond.statistics();
 * ```
 */
export interface ConditionStatistics {
  /** Whether the underlying lock is held. */
  locked: boolean;
  /** The task holding the underlying lock, if any. */
  owner: Task<unknown> | undefined;
  /** How many tasks are blocked in `wait()` (not yet notified or still waking). */
  waiting: number;
  /** How many tasks are blocked acquiring the underlying lock. */
  lockWaiting: number;
}

/**
 * A condition variable, like asyncio's `Condition`: tasks holding its lock `wait()`
 * until another task holding the lock calls `notify()` or `notifyAll()`.
 *
 * `wait()` releases the lock while it waits and re-acquires it before it returns,
 * also when it is cancelled. Notified tasks wake in FIFO order. A task that is
 * notified but then cancelled (or fails) passes the notification to the next waiter
 * (cpython#112202), so a notification is never lost; a waiter may then see a
 * spurious wake-up, which is why waiting is usually done with `waitFor(predicate)`.
 *
 * @example
 * ```ts
 * const cond = new Condition();
 * const items: number[] = [];
 * function* consumer(): Coro<number> {
 *   return yield* cond.hold(function* () {
 *     yield* cond.waitFor(() => items.length > 0);
 *     return items.shift()!;
 *   });
 * }
 * function* producer(): Coro<void> {
 *   yield* cond.hold(function* () {
 *     items.push(1);
 *     cond.notify();
 *   });
 * }
 * ```
 */
export class Condition {
  readonly #lock: Lock;
  readonly #lot = new ParkingLot(this);

  /**
   * A condition over `lock` (or over a new `Lock`).
   *
   * @throws TypeError if `lock` is given and is not a `Lock`.
   * @example
   * ```ts
   * const lock = new Lock();
   * const a = new Condition(lock);
   * const b = new Condition(lock); // two conditions sharing one lock
   * ```
   */
  constructor(lock?: Lock) {
    if (lock !== undefined && !(lock instanceof Lock)) {
      throw new TypeError(`Condition(): lock must be a Lock, got ${String(lock)}`);
    }
    this.#lock = lock ?? new Lock();
  }

  /**
   * Whether the underlying lock is held.
   *
   * @example
   * ```ts
   * cond.locked();
   * ```
   */
  locked(): boolean {
    return this.#lock.locked();
  }

  /**
   * Acquires the underlying lock (see `Lock.acquire`).
   *
   * @example
   * ```ts
   * yield* cond.acquire();
   * ```
   */
  acquire(): Coro<true> {
    const lock = this.#lock;
    // A Lock subclass's own acquire() is used, as asyncio's Condition uses the lock's.
    return lock.acquire === Lock.prototype.acquire
      ? lock._acquireAs('Condition.acquire()')
      : lock.acquire();
  }

  /**
   * Releases the underlying lock (see `Lock.release`).
   *
   * @throws Error if the lock is not held.
   * @example
   * ```ts
   * cond.release();
   * ```
   */
  release(): void {
    this.#lock.release();
  }

  /**
   * Runs `body` holding the underlying lock (asyncio's `async with cond:`), releasing
   * it however the body ends. Evaluates to the body's result.
   *
   * @example
   * ```ts
   * yield* cond.hold(function* () {
   *   cond.notifyAll();
   * });
   * ```
   */
  hold<R>(body: () => Coro<R>): Coro<R> {
    const lock = this.#lock;
    return lock.hold === Lock.prototype.hold
      ? lock._holdAs(body, 'Condition.hold')
      : lock.hold(body);
  }

  /**
   * Releases the lock, waits until notified, re-acquires the lock and evaluates to
   * `true`. The lock is re-acquired before `wait()` ends in every case, cancellation
   * included (the `CancelledError` is thrown only once the lock is held again).
   * Wake-ups may be spurious: re-check the condition, or use {@link waitFor}.
   *
   * @throws Error if the lock is not held when called.
   * @example
   * ```ts
   * yield* cond.acquire();
   * try {
   *   while (!ready) yield* cond.wait();
   * } finally {
   *   cond.release();
   * }
   * ```
   */
  wait(): Coro<true> {
    return libraryCoro(this.#wait(), 'Condition.wait()');
  }

  *#wait(): Coro<true> {
    if (!this.locked()) throw new Error('Condition.wait(): cannot wait on an un-acquired lock');
    this.release();
    // The failure to throw once the lock is held again, if any (asyncio's try/finally,
    // spelled out so that no `throw` sits in a `finally`).
    let failed = false;
    let failure: unknown;
    try {
      yield* this.#lot.park();
    } catch (e) {
      failed = true;
      failure = e;
    }
    // Re-acquire the lock whatever happened. Cancellations meanwhile are retried and
    // the last one is thrown once the lock is held; any other error ends the loop.
    for (;;) {
      try {
        yield* this.#lock.acquire();
        break;
      } catch (e) {
        failed = true;
        failure = e;
        if (!isCancelledError(e)) break;
      }
    }
    if (failed) {
      // We may have been notified before failing: pass the notification on. This may
      // cause a spurious wake-up, which the condition-variable protocol allows.
      this.#notify(1);
      throw failure;
    }
    return true;
  }

  /**
   * Waits until `predicate()` is truthy, calling `wait()` between checks, and
   * evaluates to the predicate's last value. The lock must be held.
   *
   * @throws Error if the lock is not held and the predicate is falsy.
   * @example
   * ```ts
   * const item = yield* cond.waitFor(() => items.shift());
   * ```
   */
  waitFor<R>(predicate: () => R): Coro<R> {
    return libraryCoro(this.#waitFor(predicate), 'Condition.waitFor()');
  }

  *#waitFor<R>(predicate: () => R): Coro<R> {
    let result = predicate();
    while (!result) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks (in FIFO order). They return from `wait()` only once
   * they re-acquire the lock, which the caller still holds.
   *
   * @throws Error if the lock is not held; RangeError if `n` is not a number.
   * @example
   * ```ts
   * cond.notify(2);
   * ```
   */
  notify(n = 1): void {
    if (!this.locked()) throw new Error('Condition.notify(): cannot notify on an un-acquired lock');
    if (typeof n !== 'number' || Number.isNaN(n)) {
      throw new RangeError(`Condition.notify(): n must be a number, got ${String(n)}`);
    }
    this.#notify(n);
  }

  /**
   * Wakes up every waiting task.
   *
   * @throws Error if the lock is not held.
   * @example
   * ```ts
   * cond.notifyAll();
   * ```
   */
  notifyAll(): void {
    this.notify(this.#lot.size);
  }

  /**
   * A snapshot for diagnostics.
   *
   * @example
   * ```ts
   * cond.statistics(); // { locked: false, owner: undefined, waiting: 2, lockWaiting: 0 }
   * ```
   */
  statistics(): ConditionStatistics {
    const lock = this.#lock.statistics();
    return {
      locked: lock.locked,
      owner: lock.owner,
      waiting: this.#lot.size,
      lockWaiting: lock.waiting,
    };
  }

  /** @internal What a task waiting to be notified waits on. */
  _waitParts(_side: string): WaitParts {
    return waitingOn('condition', `Condition.wait on ${this.toString()}`, this);
  }

  /** `<Condition [locked, waiters:1]>` */
  toString(): string {
    const n = this.#lot.size;
    return `<Condition [${this.locked() ? 'locked' : 'unlocked'}${n > 0 ? `, waiters:${n}` : ''}]>`;
  }

  #notify(n: number): void {
    this.#lot.unpark(n, false);
  }
}
