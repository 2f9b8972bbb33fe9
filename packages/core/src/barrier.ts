/**
 * Barrier: a meeting point for a fixed number of tasks.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import { BrokenBarrierError } from './exceptions';
import type { WaitParts } from './future';
import { ParkingLot, waitingOn } from './parking';
import type { Coro } from './types';

/**
 * The states of a {@link Barrier} (asyncio 3.11+): it fills with waiters, drains
 * them once full (newcomers wait for the draining to end), and is reset or broken.
 *
 * @example
 * ```ts
 * const state: BarrierState = barrier.statistics().state;
 * ```
 */
export type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/**
 * What {@link Barrier.statistics} reports.
 *
 * @example
 * ```ts
 * const { state, parties, nWaiting, waiting } = barrier.statistics();
 * ```
 */
export interface BarrierStatistics {
  /** The barrier's state. */
  state: BarrierState;
  /** How many tasks trip the barrier. */
  parties: number;
  /** How many tasks wait for the barrier to fill (as `nWaiting`). */
  nWaiting: number;
  /** How many tasks are blocked in `wait()`, whatever they wait for (filling or draining). */
  waiting: number;
}

/** A coroutine that has nothing left to do (for `yield* barrier.abort()`). */
function* finished(): Coro<void> {}

/**
 * A barrier for `parties` tasks, like asyncio's `Barrier`: each task calls `wait()`,
 * and they are all released together once `parties` tasks wait. `wait()` evaluates to
 * the task's arrival index, `0` to `parties - 1`.
 *
 * While the released tasks are leaving (draining), newcomers wait for the next round.
 * `abort()` breaks the barrier for good and `reset()` returns it to empty: both make
 * the tasks waiting in it throw `BrokenBarrierError`. A task cancelled while waiting
 * just leaves (the barrier is not broken).
 *
 * The barrier uses no lock: asyncio's holds its condition's lock only between
 * suspension points, so taking it never blocks, and `reset()`/`abort()` take effect
 * at once. They return an already-finished coroutine so that `yield* barrier.abort()`
 * reads like asyncio's `await barrier.abort()`; calling them without `yield*` is fine.
 *
 * @example
 * ```ts
 * const barrier = new Barrier(3);
 * function* runner(name: string): Coro<void> {
 *   const index = yield* barrier.wait();
 *   console.log(name, 'passed', index);
 * }
 * ```
 */
export class Barrier {
  readonly #parties: number;
  #state: BarrierState = 'filling';
  #count = 0;
  readonly #lot = new ParkingLot(this);
  // A waiter that leaves by an error passes a wake-up on (asyncio's Condition does).
  readonly #onAbandon = (): void => {
    this.#lot.unparkOne(false);
  };

  /**
   * A barrier that `parties` tasks trip.
   *
   * @throws TypeError if `parties` is not a number; RangeError if it is not an
   * integer >= 1.
   * @example
   * ```ts
   * const barrier = new Barrier(2);
   * ```
   */
  constructor(parties: number) {
    if (typeof parties !== 'number') {
      throw new TypeError(`Barrier(): parties must be a number, got ${typeof parties}`);
    }
    if (!Number.isInteger(parties) || parties < 1) {
      throw new RangeError(`Barrier(): parties must be an integer >= 1, got ${parties}`);
    }
    this.#parties = parties;
  }

  /**
   * How many tasks trip the barrier.
   *
   * @example
   * ```ts
   * new Barrier(3).parties; // 3
   * ```
   */
  get parties(): number {
    return this.#parties;
  }

  /**
   * How many tasks wait for the barrier to fill (0 unless it is filling).
   *
   * @example
   * ```ts
   * if (barrier.nWaiting === barrier.parties - 1) console.log('one more to go');
   * ```
   */
  get nWaiting(): number {
    return this.#state === 'filling' ? this.#count : 0;
  }

  /**
   * Whether the barrier is broken (aborted).
   *
   * @example
   * ```ts
   * barrier.abort();
   * barrier.broken; // true
   * ```
   */
  get broken(): boolean {
    return this.#state === 'broken';
  }

  /**
   * Waits until `parties` tasks wait, and evaluates to this task's arrival index
   * (`0` first). If the barrier is draining or resetting, first waits for that to end.
   *
   * @throws BrokenBarrierError if the barrier is broken, or is aborted or reset while
   * this task waits in it; CancelledError if cancelled (the barrier stays usable).
   * @example
   * ```ts
   * const index = yield* barrier.wait();
   * ```
   */
  wait(): Coro<number> {
    return libraryCoro(this.#wait(), 'Barrier.wait()');
  }

  *#wait(): Coro<number> {
    // Block while the barrier drains or resets.
    while (this.#is('draining') || this.#is('resetting')) yield* this.#park();
    if (this.#is('broken')) throw new BrokenBarrierError('Barrier aborted');
    try {
      const index = this.#count++;
      if (index + 1 === this.#parties) {
        // The last arrival releases the others.
        this.#state = 'draining';
        this.#wakeAll();
      } else {
        while (this.#is('filling')) yield* this.#park();
        if (this.#is('broken') || this.#is('resetting')) {
          throw new BrokenBarrierError('Abort or reset of barrier');
        }
      }
      return index;
    } finally {
      this.#count--;
      // The last task out ends the draining (or resetting) and lets newcomers in.
      if (this.#count === 0) {
        if (this.#is('resetting') || this.#is('draining')) this.#state = 'filling';
        this.#wakeAll();
      }
    }
  }

  /**
   * Returns the barrier to its empty state. Tasks waiting in it throw
   * `BrokenBarrierError`; tasks arriving meanwhile wait for them to leave.
   *
   * @example
   * ```ts
   * yield* barrier.reset();
   * ```
   */
  reset(): Coro<void> {
    if (this.#count > 0) this.#state = 'resetting';
    else this.#state = 'filling';
    this.#wakeAll();
    return libraryCoro(finished(), 'Barrier.reset()');
  }

  /**
   * Breaks the barrier for good: the tasks waiting in it, and every later `wait()`,
   * throw `BrokenBarrierError`.
   *
   * @example
   * ```ts
   * yield* barrier.abort();
   * ```
   */
  abort(): Coro<void> {
    this.#state = 'broken';
    this.#wakeAll();
    return libraryCoro(finished(), 'Barrier.abort()');
  }

  /**
   * A snapshot for diagnostics.
   *
   * @example
   * ```ts
   * barrier.statistics(); // { state: 'filling', parties: 3, nWaiting: 2, waiting: 2 }
   * ```
   */
  statistics(): BarrierStatistics {
    return {
      state: this.#state,
      parties: this.#parties,
      nWaiting: this.nWaiting,
      waiting: this.#lot.size,
    };
  }

  /** @internal What a task waiting at the barrier waits on. */
  _waitParts(_side: string): WaitParts {
    return waitingOn('barrier', `Barrier.wait on ${this.toString()}`, this);
  }

  /** `<Barrier [filling, waiters:1/3]>`, `<Barrier [broken]>` */
  toString(): string {
    const extra = this.broken ? '' : `, waiters:${this.nWaiting}/${this.#parties}`;
    return `<Barrier [${this.#state}${extra}]>`;
  }

  #park(): Coro<boolean> {
    return this.#lot.park(this.#onAbandon);
  }

  #is(state: BarrierState): boolean {
    return this.#state === state;
  }

  #wakeAll(): void {
    this.#lot.unparkAll(false);
  }
}
