/**
 * The waiter queue shared by the synchronisation primitives and queues, and the
 * loop binding they all do (asyncio's `_LoopBoundMixin`).
 *
 * @internal
 * @module
 */

import type { LoopInternals } from './events';
import { runningLoop } from './runningLoop';

/**
 * A FIFO of waiters (futures) with O(1) push, O(1) amortised pop from the head, and
 * O(1) removal from the middle.
 *
 * asyncio keeps its waiters in a `deque` and removes a waiter that gives up with
 * `deque.remove(fut)`, an O(n) scan. Here `push` returns a ticket (the waiter's
 * position in the order of arrival) and `remove(ticket, waiter)` blanks that slot
 * (mark and skip); blank slots are skipped when the head moves past them and
 * compacted away in bulk. Iteration order is arrival order, as in a deque.
 *
 * Invariants: slots `[#head, #items.length)` hold every waiter still queued, in
 * arrival order, interleaved with blanks (`undefined`); the waiter with ticket `t`
 * sits at index `t - #base`; `#live` counts the non-blank slots.
 *
 * @internal
 */
export class WaiterQueue<W extends object> {
  #items: Array<W | undefined> = [];
  #head = 0;
  #base = 0;
  #live = 0;

  /** How many waiters are queued. */
  get size(): number {
    return this.#live;
  }

  /** Appends `waiter` at the tail and returns its ticket for {@link remove}. */
  push(waiter: W): number {
    const items = this.#items;
    items.push(waiter);
    this.#live++;
    return this.#base + items.length - 1;
  }

  /** The waiter at the head, without removing it; `undefined` when empty. */
  first(): W | undefined {
    if (this.#live === 0) return undefined;
    const items = this.#items;
    let i = this.#head;
    while (items[i] === undefined) i++;
    this.#head = i;
    return items[i];
  }

  /** Removes and returns the waiter at the head; `undefined` when empty. */
  shift(): W | undefined {
    const w = this.first();
    if (w !== undefined) {
      this.#items[this.#head++] = undefined;
      this.#settle();
    }
    return w;
  }

  /**
   * Removes the waiter queued with `ticket`, if it is still queued (it may have been
   * shifted out already, as asyncio's queues do when they wake a waiter).
   * Returns whether it was removed.
   */
  remove(ticket: number, waiter: W): boolean {
    const i = ticket - this.#base;
    const items = this.#items;
    if (i < this.#head || i >= items.length || items[i] !== waiter) return false;
    items[i] = undefined;
    this.#settle();
    return true;
  }

  /**
   * Calls `visit` with each queued waiter in arrival order until it returns `true`;
   * returns whether some call did. `visit` must not add or remove waiters.
   */
  some(visit: (waiter: W) => boolean): boolean {
    if (this.#live === 0) return false;
    const items = this.#items;
    for (let i = this.#head, n = items.length; i < n; i++) {
      const w = items[i];
      if (w !== undefined && visit(w)) return true;
    }
    return false;
  }

  /** Bookkeeping after a slot was blanked: drop or compact the dead prefix. */
  #settle(): void {
    const items = this.#items;
    if (--this.#live === 0) {
      // Everything is blank: start over (the common case for a lightly used queue).
      this.#base += items.length;
      this.#head = 0;
      items.length = 0;
      return;
    }
    const head = this.#head;
    if (head >= 1024 && head * 2 >= items.length) {
      this.#items = items.slice(head);
      this.#base += head;
      this.#head = 0;
    }
  }
}

/**
 * Binds a primitive to a loop the first time it needs one (the first time a task
 * has to wait), like asyncio's `_LoopBoundMixin`: later uses from another loop throw.
 *
 * @internal
 */
export function bindLoop(bound: LoopInternals | undefined, owner: object): LoopInternals {
  const loop = runningLoop();
  if (bound !== undefined && bound !== loop) {
    throw new Error(
      `${String(owner)} is bound to a different event loop: a primitive belongs to the ` +
        'loop that first waited on it; create one per loop',
    );
  }
  return loop;
}
