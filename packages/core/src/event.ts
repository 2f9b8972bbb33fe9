/**
 * Event: a flag that tasks can wait for.
 *
 * @module
 */

import type { EventLoop } from './eventLoop';
import type { Future } from './future';
import type { Coro } from './types';
import { WaiterQueue, bindLoop } from './waiters';

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
  #waiters = new WaiterQueue<Future<boolean>>();
  #loop: EventLoop | undefined = undefined;

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
    this.#waiters.some(wake);
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
  *wait(): Coro<true> {
    if (this.#value) return true;
    const loop = (this.#loop = bindLoop(this.#loop, this));
    const fut = loop.createFuture<boolean>();
    const ticket = this.#waiters.push(fut);
    try {
      yield* fut;
      return true;
    } finally {
      this.#waiters.remove(ticket, fut);
    }
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
    return { set: this.#value, waiting: this.#waiters.size };
  }

  /** `<Event [unset, waiters:2]>` */
  toString(): string {
    const n = this.#waiters.size;
    return `<Event [${this.#value ? 'set' : 'unset'}${n > 0 ? `, waiters:${n}` : ''}]>`;
  }
}

function wake(fut: Future<boolean>): boolean {
  if (!fut.done()) fut.setResult(true);
  return false;
}
