/**
 * The loop's timers: a binary min-heap ordered by (deadline, sequence number),
 * so timers with equal deadlines fire in the order they were scheduled (FIFO),
 * one of aio's two deliberate improvements on asyncio. Iterative sift-up and
 * sift-down: no recursion, O(log n) push and pop, O(n) rebuild.
 *
 * @internal
 * @module
 */

/** What the heap orders. @internal */
export interface HeapEntry {
  _when: number;
  _seq: number;
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/** @internal */
export class TimerHeap<E extends HeapEntry> {
  /** The heap array; index 0 is the earliest entry. */
  items: E[] = [];

  get length(): number {
    return this.items.length;
  }

  peek(): E | undefined {
    return this.items[0];
  }

  push(e: E): void {
    const a = this.items;
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent] as E;
      if (!before(e, p)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = e;
  }

  pop(): E | undefined {
    const a = this.items;
    const n = a.length;
    if (n === 0) return undefined;
    const top = a[0] as E;
    const last = a.pop() as E;
    if (n > 1) this.#siftDown(last, 0);
    return top;
  }

  /** Keeps only the entries for which `keep` is true, then restores the heap in O(n). */
  filter(keep: (e: E) => boolean): void {
    const a = this.items;
    let w = 0;
    for (let r = 0; r < a.length; r++) {
      const e = a[r] as E;
      if (keep(e)) a[w++] = e;
    }
    a.length = w;
    for (let i = (w >> 1) - 1; i >= 0; i--) this.#siftDown(a[i] as E, i);
  }

  clear(): void {
    this.items = [];
  }

  #siftDown(e: E, i: number): void {
    const a = this.items;
    const n = a.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && before(a[right] as E, a[child] as E)) child = right;
      const c = a[child] as E;
      if (!before(c, e)) break;
      a[i] = c;
      i = child;
    }
    a[i] = e;
  }
}
