/**
 * Event: a flag that tasks can wait for.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import type { WaitParts } from './future';
import { ParkingLot, waitingOn } from './parking';
import type { Coro } from './types';

/**
 * What {@link Event.statistics} reports.
 *
 * @example
 * ```ts
 * const { set, waiting } = event.statistics();
 * ```
 */
export interface EventStatistics {
  /** Whether the flag is set. */
  set: boolean;
  /** How many tasks are blocked in `wait()`. */
  waiting: number;
}

/**
 * A flag that starts cleared, like asyncio's `Event`: `wait()` blocks until `set()`.
 * Setting it wakes every waiter (in the order they started waiting); waiting on a
 * set event returns at once.
 *
 * @example
 * ```ts
 * const ready = new Event();
 * createTask((function* () {
 *   yield* sleep(100);
 *   ready.set();
 * })());
 * yield* ready.wait(); // after 100 ms
 * ```
 */
export class Event {
  #value = false;
  readonly #lot = new ParkingLot(this);

  /**
   * Whether the flag is set.
   *
   * @example
   * ```ts
   * event.set();
   * event.isSet(); // true
   * ```
   */
  isSet(): boolean {
    return this.#value;
  }

  /**
   * Sets the flag and wakes every task waiting for it. Tasks that call `wait()` while
   * it stays set do not block. Setting a set event does nothing.
   *
   * @example
   * ```ts
   * event.set();
   * ```
   */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    this.#lot.unparkAll(true);
  }

  /**
   * Clears the flag: later `wait()` calls block until the next `set()`. Tasks already
   * woken by a `set()` still return from `wait()`.
   *
   * @example
   * ```ts
   * event.clear();
   * ```
   */
  clear(): void {
    this.#value = false;
  }

  /**
   * Waits until the flag is set (returns at once if it is). Evaluates to `true`.
   * Cancelled while waiting: throws `CancelledError`.
   *
   * @throws Error if the event is bound to another loop.
   * @example
   * ```ts
   * yield* event.wait();
   * ```
   */
  wait(): Coro<true> {
    return libraryCoro(this.#wait(), 'Event.wait()');
  }

  *#wait(): Coro<true> {
    if (this.#value) return true;
    yield* this.#lot.park();
    return true;
  }

  /**
   * A snapshot for diagnostics.
   *
   * @example
   * ```ts
   * event.statistics(); // { set: false, waiting: 3 }
   * ```
   */
  statistics(): EventStatistics {
    return { set: this.#value, waiting: this.#lot.size };
  }

  /** @internal What a task waiting for the event waits on. */
  _waitParts(_side: string): WaitParts {
    return waitingOn('event', `Event.wait on ${this.toString()}`, this);
  }

  /** `<Event [unset, waiters:2]>` */
  toString(): string {
    const n = this.#lot.size;
    return `<Event [${this.#value ? 'set' : 'unset'}${n > 0 ? `, waiters:${n}` : ''}]>`;
  }
}
