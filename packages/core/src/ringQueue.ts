/**
 * A FIFO queue on a growable ring buffer: O(1) push and shift without the
 * O(n) `Array.prototype.shift`, and no allocation once it has grown.
 *
 * @internal
 * @module
 */

/** @internal */
export class RingQueue<T> {
  #buf: Array<T | undefined>;
  #head = 0;
  #size = 0;
  #mask: number;

  constructor(capacity = 16) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.#buf = new Array<T | undefined>(cap);
    this.#mask = cap - 1;
  }

  /** How many items are queued. */
  get length(): number {
    return this.#size;
  }

  /** Appends `item` at the tail. */
  push(item: T): void {
    if (this.#size > this.#mask) this.#grow();
    this.#buf[(this.#head + this.#size) & this.#mask] = item;
    this.#size++;
  }

  /** Removes and returns the head; `undefined` when empty. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const i = this.#head;
    const item = this.#buf[i];
    this.#buf[i] = undefined;
    this.#head = (i + 1) & this.#mask;
    this.#size--;
    return item;
  }

  /** The head without removing it. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#buf[this.#head];
  }

  /** The item at position `i` from the head (0-based), for inspection. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.#size ? this.#buf[(this.#head + i) & this.#mask] : undefined;
  }

  /** Drops every item. */
  clear(): void {
    this.#buf = new Array<T | undefined>(16);
    this.#mask = 15;
    this.#head = 0;
    this.#size = 0;
  }

  #grow(): void {
    const old = this.#buf;
    const cap = old.length;
    const next = new Array<T | undefined>(cap * 2);
    for (let k = 0; k < cap; k++) next[k] = old[(this.#head + k) & this.#mask];
    this.#buf = next;
    this.#head = 0;
    this.#mask = cap * 2 - 1;
  }
}
