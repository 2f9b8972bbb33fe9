/**
 * A priority queue of wake-ups ordered by deadline, then by insertion order.
 *
 * Used by {@link VirtualClock} for the wake-ups its consumers ask for. It follows
 * the same rules as the loop's heap for far timers (core's `timerHeap.ts`) and asyncio's:
 * - a binary heap of entries keyed by `(deadline, seq)`: equal deadlines come out
 *   in the order they went in (FIFO);
 * - cancellation is lazy: a cancelled entry stays in the heap, marked, and drops
 *   its value at once so it holds nothing alive; it is discarded when it reaches
 *   the top;
 * - when cancelled entries are more than half of at least 100, the heap is
 *   compacted in one linear pass (filter, then heapify).
 *
 * Nothing here recurses or spreads arrays, so it works at millions of entries.
 *
 * @internal
 * @module
 */

/**
 * One scheduled wake-up. It is the token handed out by `push`.
 *
 * @internal
 */
export class TimerEntry<T> {
  /** When it is due, in ms. */
  readonly deadline: number;
  /** Insertion number: breaks ties between equal deadlines (FIFO). */
  readonly seq: number;
  /** The payload; `undefined` once the entry is cancelled or popped. */
  value: T | undefined;
  /** `'pending'` while in the queue; `'cancelled'` or `'popped'` afterwards. */
  state: 'pending' | 'cancelled' | 'popped' = 'pending';
  /** The queue the entry belongs to (tokens from another queue are refused). */
  readonly owner: TimerQueue<T>;

  constructor(owner: TimerQueue<T>, deadline: number, seq: number, value: T) {
    this.owner = owner;
    this.deadline = deadline;
    this.seq = seq;
    this.value = value;
  }
}

/** Whether entry `a` is due strictly before entry `b`. */
function before<T>(a: TimerEntry<T>, b: TimerEntry<T>): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

/** The smallest heap size at which compaction is considered (asyncio's rule). */
const MIN_COMPACT_SIZE = 100;

/**
 * A binary min-heap of {@link TimerEntry} with lazy cancellation.
 *
 * @internal
 */
export class TimerQueue<T> {
  #heap: Array<TimerEntry<T>> = [];
  #seq = 0;
  #cancelled = 0;

  /** Live (not cancelled) entries. */
  get size(): number {
    return this.#heap.length - this.#cancelled;
  }

  /** All entries still stored, cancelled ones included (for tests of compaction). */
  get storedSize(): number {
    return this.#heap.length;
  }

  /** Adds a wake-up and returns its entry (the token). */
  push(deadline: number, value: T): TimerEntry<T> {
    const entry = new TimerEntry(this, deadline, this.#seq++, value);
    const heap = this.#heap;
    heap.push(entry);
    this.#siftUp(heap.length - 1);
    return entry;
  }

  /** The earliest live entry, or `undefined`. Discards cancelled entries on top. */
  peek(): TimerEntry<T> | undefined {
    const heap = this.#heap;
    while (heap.length > 0 && heap[0]!.state === 'cancelled') {
      this.#removeTop();
      this.#cancelled--;
    }
    return heap[0];
  }

  /** Removes and returns the earliest live entry, or `undefined`. */
  pop(): TimerEntry<T> | undefined {
    const top = this.peek();
    if (top !== undefined) {
      this.#removeTop();
      top.state = 'popped';
    }
    return top;
  }

  /**
   * Cancels a pending entry: marks it, drops its value, and compacts the heap when
   * cancelled entries dominate. Returns `false` if it was not pending.
   */
  cancel(entry: TimerEntry<T>): boolean {
    if (entry.state !== 'pending') return false;
    entry.state = 'cancelled';
    entry.value = undefined;
    this.#cancelled++;
    const stored = this.#heap.length;
    if (stored >= MIN_COMPACT_SIZE && this.#cancelled * 2 > stored) this.#compact();
    return true;
  }

  #removeTop(): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown(0);
    }
  }

  #compact(): void {
    const heap = this.#heap;
    let w = 0;
    for (let r = 0; r < heap.length; r++) {
      const e = heap[r]!;
      if (e.state === 'pending') heap[w++] = e;
    }
    heap.length = w;
    this.#cancelled = 0;
    for (let i = (w >> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }

  #siftUp(i: number): void {
    const heap = this.#heap;
    const entry = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const entry = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(heap[right]!, heap[child]!)) child = right;
      if (!before(heap[child]!, entry)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = entry;
  }
}
