/**
 * A growable FIFO ring buffer: O(1) push and shift, no `Array.shift()`.
 *
 * @module
 */

/** @internal */
export class RingBuffer<T> {
  #items: (T | undefined)[] = new Array(16);
  #head = 0;
  #size = 0;

  /** How many items it holds. */
  get length(): number {
    return this.#size;
  }

  /** Adds `item` at the tail. */
  push(item: T): void {
    const items = this.#items;
    if (this.#size === items.length) this.#grow();
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
  }

  /** Takes the item at the head; the buffer must not be empty. */
  shift(): T {
    const items = this.#items;
    const item = items[this.#head] as T;
    items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (items.length - 1);
    this.#size--;
    return item;
  }

  /** Drops every item. */
  clear(): void {
    this.#items = new Array(16);
    this.#head = 0;
    this.#size = 0;
  }

  #grow(): void {
    const old = this.#items;
    const n = old.length;
    const next: (T | undefined)[] = new Array(n * 2);
    for (let i = 0; i < n; i++) next[i] = old[(this.#head + i) & (n - 1)];
    this.#items = next;
    this.#head = 0;
  }
}
