/**
 * Semaphore and BoundedSemaphore: a counter of permits with FIFO waiters.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { isCancelledError } from './exceptions';
import type { WaitParts } from './future';
import { ParkingLot, holding, waitingOn } from './parking';
import type { Coro } from './types';

/**
 * What {@link Semaphore.statistics} reports.
 *
 * @example
 * ```ts
 * const { value, waiting } = sem.statistics();
 * ```
 */
export interface SemaphoreStatistics {
  /** Permits available now (woken waiters have already taken theirs). */
  value: number;
  /** How many tasks are blocked in `acquire()`. */
  waiting: number;
}

function checkValue(who: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${who}: value must be a number, got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${who}: value must be an integer >= 0, got ${value}`);
  }
  return value;
}

/**
 * A counter of permits, like asyncio's `Semaphore`: `acquire()` takes one (waiting
 * while there are none), `release()` gives one back.
 *
 * Fair (cpython#90155): waiters get permits in FIFO order, and a newcomer never
 * overtakes a waiter even when a permit is free. A waiter cancelled after it was
 * given a permit hands the permit on, so no wake-up is lost.
 *
 * @example
 * ```ts
 * const sem = new Semaphore(2); // at most two downloads at a time
 * function* download(url: string): Coro<void> {
 *   yield* sem.hold(function* () {
 *     yield* fetchIt(url);
 *   });
 * }
 * ```
 */
export class Semaphore {
  /** @internal the permits; may run ahead of `release()` while woken waiters resume */
  /** @internal */ protected _value: number;
  #lot: ParkingLot | undefined = undefined;
  // Woken (given a permit by #wakeUpNext) but cancelled before taking it: put it back.
  readonly #onAbandon = (woken: boolean, e: unknown): void => {
    if (woken && isCancelledError(e)) this._value++;
  };

  /**
   * A semaphore with `value` permits.
   *
   * @throws TypeError if `value` is not a number; RangeError if it is negative or
   * not an integer.
   * @example
   * ```ts
   * const sem = new Semaphore(3);
   * ```
   */
  constructor(value = 1) {
    this._value = checkValue(`${new.target.name}()`, value);
  }

  /**
   * Whether `acquire()` would block: no permit is free, or a task is already
   * waiting (FIFO: it goes first).
   *
   * @example
   * ```ts
   * new Semaphore(0).locked(); // true
   * ```
   */
  locked(): boolean {
    return this._value === 0 || (this.#lot?.hasWaiter() ?? false);
  }

  /**
   * Takes a permit: at once if one is free and nobody waits, otherwise after every
   * earlier waiter. Evaluates to `true`.
   *
   * Cancelled while waiting: throws `CancelledError` and holds no permit (a permit it
   * had already been given goes to the next waiter).
   *
   * @throws Error if the semaphore is bound to another loop.
   * @example
   * ```ts
   * yield* sem.acquire();
   * try {
   *   yield* work();
   * } finally {
   *   sem.release();
   * }
   * ```
   */
  acquire(): Coro<true> {
    return libraryCoro(this.#acquire(), `${this.constructor.name}.acquire()`);
  }

  *#acquire(): Coro<true> {
    if (!this.locked()) {
      this._value--;
      return true;
    }
    const lot = this.#lot ?? (this.#lot = new ParkingLot(this));
    try {
      yield* lot.park(this.#onAbandon);
    } finally {
      // Waiters that arrived meanwhile had to queue (FIFO): wake as many as allowed.
      while (this._value > 0 && this.#wakeUpNext()) {}
    }
    return true;
  }

  /**
   * Gives a permit back and wakes the first waiter, if any.
   *
   * @example
   * ```ts
   * sem.release();
   * ```
   */
  release(): void {
    this._value++;
    this.#wakeUpNext();
  }

  /**
   * Runs `body` holding a permit (asyncio's `async with sem:`): acquires, runs the
   * body, and releases however the body ends (result, error or cancellation).
   * Evaluates to the body's result.
   *
   * @example
   * ```ts
   * const page = yield* sem.hold(() => fetchIt(url));
   * ```
   */
  hold<R>(body: () => Coro<R>): Coro<R> {
    const name = `${this.constructor.name}.hold`;
    return libraryCoro(holding(this, body, name), `${name}()`);
  }

  /**
   * A snapshot for diagnostics.
   *
   * @example
   * ```ts
   * sem.statistics(); // { value: 0, waiting: 4 }
   * ```
   */
  statistics(): SemaphoreStatistics {
    return { value: this._value, waiting: this.#lot?.size ?? 0 };
  }

  /** @internal What a task waiting for a permit waits on. */
  _waitParts(_side: string): WaitParts {
    return waitingOn('semaphore', `${this.constructor.name} ${this.toString()}`, this);
  }

  /** `<Semaphore [unlocked, value:2]>`, `<Semaphore [locked, waiters:1]>` */
  toString(): string {
    const n = this.#lot?.size ?? 0;
    const state = this.locked() ? 'locked' : `unlocked, value:${this._value}`;
    return `<${this.constructor.name} [${state}${n > 0 ? `, waiters:${n}` : ''}]>`;
  }

  /** Gives a permit to the first waiter not yet woken; whether there was one. */
  #wakeUpNext(): boolean {
    // Waking only schedules the waiter's task: no user code runs in between.
    const woke = this.#lot?.unparkOne(true) ?? false;
    if (woke) this._value--;
    return woke;
  }
}

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired
 * (its value may never exceed the initial value), like asyncio's `BoundedSemaphore`.
 *
 * @example
 * ```ts
 * const sem = new BoundedSemaphore(1);
 * sem.release(); // throws RangeError: released too many times
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  /**
   * A bounded semaphore with `value` permits, never more.
   *
   * @throws TypeError if `value` is not a number; RangeError if it is negative or
   * not an integer.
   * @example
   * ```ts
   * const sem = new BoundedSemaphore(2);
   * ```
   */
  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  /**
   * Gives a permit back.
   *
   * @throws RangeError if that would raise the value above the initial value.
   * @example
   * ```ts
   * sem.release();
   * ```
   */
  override release(): void {
    if (this._value >= this.#bound) {
      throw new RangeError(
        `BoundedSemaphore.release(): released too many times (value would exceed ${this.#bound})`,
      );
    }
    super.release();
  }
}
