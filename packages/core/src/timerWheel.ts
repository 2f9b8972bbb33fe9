/**
 * The loop's timers: a calendar of one-millisecond slots for the near future, and the
 * binary heap of `timerHeap.ts` for everything else.
 *
 * Why two structures. A binary heap pops in O(log n), but at a hundred thousand
 * timers and more each level of the sift is a cache miss: popping costs about 300 ns at
 * 100k and 500 ns at 1M, more than the rest of a sleep. Most timers are due soon (a
 * `sleep`, a timeout of a few seconds), and the loop's time only moves forward, so they
 * go into a ring of slots, one per whole millisecond of the next {@link SLOTS} ms: a push
 * appends to its slot's array and a pop takes from the earliest slot that is not empty,
 * both O(1) (a bitmap finds the next slot in a few word tests). A deadline further out
 * (a long timeout), or that is not finite, goes to the heap, which keeps its O(log n)
 * and stays small. When every deadline is distinct and far apart the ring is hardly
 * used and the cost is the heap's, no more (a flat calendar of buckets was 22% slower
 * than the heap there).
 *
 * Order: timers come out by deadline, and timers with equal deadlines in the order
 * they were pushed (FIFO). A slot's array holds its timers in push order; when they all
 * share one deadline (whole milliseconds, as on a virtual clock) that is already their
 * order. Fractional deadlines in one slot (the real clock) are sorted, stably, by
 * deadline once the slot is the earliest: equal deadlines keep push order. The heap
 * numbers what it holds itself, for the same FIFO order.
 *
 * The cursor: every timer in the ring has `floor(deadline)` in
 * `[cursor, cursor + SLOTS)` and sits in slot `floor(deadline) & MASK`, except that
 * the slot of the cursor also takes the timers pushed with a deadline before the cursor
 * (already due: the slot is then sorted before use). Every timer in the heap is due at
 * or after `cursor + SLOTS`: whenever the cursor moves, the heap's timers that come
 * within reach move into the ring, in their order, before any other timer can be pushed
 * for those milliseconds — so the ring's earliest timer is always the earliest of all,
 * and equal deadlines in the ring are in push order. The cursor only moves forward over
 * empty slots, to the loop's time (`advance`, once per iteration) or to the slot a pop
 * takes from, never ahead of the loop's time (so that timers pushed later for the near
 * future still fall in their own slot); when the ring is empty it starts again at the
 * loop's time.
 *
 * Cancellation is the loop's (lazy: a cancelled timer stays until it is popped or the
 * queue is filtered). Nothing here recurses; a million timers are fine.
 *
 * @internal
 * @module
 */

import { type HeapEntry, TimerHeap } from './timerHeap';

/** How many one-millisecond slots the ring has: deadlines up to ~4 s ahead use it. */
const SLOTS = 4096;
const MASK = SLOTS - 1;
/** The ring's bitmap: one bit per slot, set while the slot holds timers. */
const WORDS = SLOTS >> 5;

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

function byDeadline(a: HeapEntry, b: HeapEntry): number {
  return a._when - b._when;
}

/** @internal */
export class TimerQueue<E extends HeapEntry> {
  /** Deadlines out of the ring's reach. */
  readonly #far = new TimerHeap<E>();
  /** The ring's slots (made on first use), each the timers of one millisecond. */
  #slots: Array<E[] | undefined> | null = null;
  /** Per slot: the index of its first timer not popped yet. */
  #heads: Int32Array | null = null;
  /** Per slot: 1 when its timers may be out of deadline order (to sort before use). */
  #unsorted: Uint8Array | null = null;
  #bits: Int32Array | null = null;
  /** How many timers the ring holds. */
  #count = 0;
  /** See the module comment (set when the ring starts). */
  #cursor = 0;
  /** A lower bound of the loop's time (whole ms), from `advance` and `push`; -∞ until known. */
  #time = Number.NEGATIVE_INFINITY;
  /** Set by `#frontSlot`: the key and head index of the earliest slot. */
  #frontKey = 0;
  #frontHead = 0;

  /** How many timers are queued (cancelled ones included until they are dropped). */
  get length(): number {
    return this.#count + this.#far.length;
  }

  /**
   * Queues `e`. `now`, when the caller knows it, is the loop's time: an empty ring
   * starts there.
   */
  push(e: E, now?: number): void {
    const k = Math.floor(e._when);
    if (now !== undefined && now > this.#time) this.#time = Math.floor(now);
    if (this.#count === 0 && k !== Number.POSITIVE_INFINITY) {
      // An empty ring starts at the loop's time (not at a far deadline, which would
      // make every nearer timer a "due already" one), or at `e` if it is earlier.
      const t = this.#time;
      let start = Math.min(k, t);
      if (!Number.isFinite(start)) start = Number.isFinite(t) ? t : Number.isFinite(k) ? k : 0;
      this.#cursor = start;
      this.#reach();
    }
    if (k - this.#cursor < SLOTS) this.#add(e, Math.max(k, this.#cursor));
    else this.#far.push(e); // too far out, or never
  }

  /** The earliest timer, without removing it. */
  peek(): E | undefined {
    return this.#count === 0 ? this.#far.peek() : (this.#frontSlot()[this.#frontHead] as E);
  }

  /** Removes and returns the earliest timer. */
  pop(): E | undefined {
    return this.popDue(Number.POSITIVE_INFINITY);
  }

  /** Removes and returns the earliest timer if its deadline is `end` or before. */
  popDue(end: number): E | undefined {
    if (this.#count === 0) {
      const far = this.#far.peek();
      return far !== undefined && far._when <= end ? this.#far.pop() : undefined;
    }
    const slot = this.#frontSlot();
    const h = this.#frontHead;
    const e = slot[h] as E;
    if (e._when > end) return undefined;
    const k = this.#frontKey;
    const i = k & MASK;
    slot[h] = undefined as unknown as E; // hold nothing once popped
    this.#count--;
    if (h + 1 === slot.length) this.#empty(i, slot);
    else (this.#heads as Int32Array)[i] = h + 1;
    // Popping a due timer moves the cursor to its slot; never ahead of the loop's time
    // (the loop also pops cancelled timers that are not due yet).
    if (k > this.#cursor && k <= this.#time) {
      this.#cursor = k;
      this.#reach();
    }
    return e;
  }

  /**
   * Tells the queue the loop's time (each iteration, before popping the due timers):
   * the cursor moves up to it over empty slots.
   */
  advance(now: number): void {
    const t = Math.floor(now);
    if (t > this.#time) this.#time = t;
    if (this.#count === 0 || this.#time <= this.#cursor) return;
    this.#cursor = Math.min(this.#nextKey(), this.#time);
    this.#reach();
  }

  /** Keeps only the timers for which `keep` is true (order kept). */
  filter(keep: (e: E) => boolean): void {
    this.#far.filter(keep);
    if (this.#count === 0) return;
    const slots = this.#slots as Array<E[] | undefined>;
    const heads = this.#heads as Int32Array;
    for (let i = 0; i < SLOTS; i++) {
      const slot = slots[i];
      if (slot === undefined || slot.length === 0) continue;
      let w = 0;
      for (let r = heads[i] as number; r < slot.length; r++) {
        const e = slot[r] as E;
        if (keep(e)) slot[w++] = e;
      }
      this.#count -= slot.length - (heads[i] as number) - w;
      heads[i] = 0;
      if (w === 0) this.#empty(i, slot);
      else slot.length = w;
    }
  }

  /** Moves the heap's timers that the ring now reaches into the ring (module comment). */
  #reach(): void {
    const far = this.#far;
    for (let e = far.peek(); e !== undefined; e = far.peek()) {
      const k = Math.floor(e._when);
      if (k - this.#cursor >= SLOTS) return;
      far.pop();
      this.#add(e, Math.max(k, this.#cursor));
    }
  }

  /** Appends `e` to the slot of key `k` (the cursor's slot for a deadline before it). */
  #add(e: E, k: number): void {
    let slots = this.#slots;
    if (slots === null) {
      slots = this.#slots = new Array<E[] | undefined>(SLOTS);
      this.#heads = new Int32Array(SLOTS);
      this.#unsorted = new Uint8Array(SLOTS);
      this.#bits = new Int32Array(WORDS);
    }
    const i = k & MASK;
    let slot = slots[i];
    if (slot === undefined) slot = slots[i] = [];
    const n = slot.length;
    if (n === 0) {
      const bits = this.#bits as Int32Array;
      bits[i >> 5] = (bits[i >> 5] as number) | (1 << (i & 31));
    } else if (!((slot[n - 1] as E)._when <= e._when)) {
      (this.#unsorted as Uint8Array)[i] = 1;
    }
    slot.push(e);
    this.#count++;
  }

  /** A slot has no timer left. */
  #empty(i: number, slot: E[]): void {
    slot.length = 0;
    (this.#heads as Int32Array)[i] = 0;
    (this.#unsorted as Uint8Array)[i] = 0;
    const bits = this.#bits as Int32Array;
    bits[i >> 5] = (bits[i >> 5] as number) & ~(1 << (i & 31));
  }

  /**
   * The slot of the ring's earliest timer (the ring is not empty), sorted; its key and
   * head index are left in `#frontKey` and `#frontHead`.
   */
  #frontSlot(): E[] {
    const slots = this.#slots as E[][];
    let k = this.#cursor;
    let slot = slots[k & MASK];
    if (slot === undefined || slot.length === 0) {
      k = this.#nextKey();
      slot = slots[k & MASK] as E[];
    }
    const i = k & MASK;
    const heads = this.#heads as Int32Array;
    const unsorted = this.#unsorted as Uint8Array;
    if (unsorted[i] === 1) {
      unsorted[i] = 0;
      const h = heads[i] as number;
      if (h > 0) {
        slot.copyWithin(0, h);
        slot.length -= h;
        heads[i] = 0;
      }
      slot.sort(byDeadline); // stable: equal deadlines keep push order
    }
    this.#frontKey = k;
    this.#frontHead = heads[i] as number;
    return slot;
  }

  /** The key of the first slot at or after the cursor that holds timers (ring not empty). */
  #nextKey(): number {
    const bits = this.#bits as Int32Array;
    const cursor = this.#cursor;
    const start = cursor & MASK;
    let w = start >> 5;
    let word = (bits[w] as number) & (-1 << (start & 31));
    // At most WORDS + 1 word tests: the ring is not empty, so some bit is set.
    for (let n = 0; word === 0 && n <= WORDS; n++) {
      w = (w + 1) & (WORDS - 1);
      word = bits[w] as number;
    }
    const i = (w << 5) | lowestBit(word);
    return cursor + ((i - start) & MASK);
  }
}
