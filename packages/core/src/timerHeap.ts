/**
 * The loop's timers that are far out (timerWheel.ts keeps the near ones): a binary
 * min-heap ordered by (deadline, push number), so timers with equal deadlines fire in
 * the order they were pushed (FIFO), one of aio's two deliberate improvements on
 * asyncio. The heap numbers its entries itself. Iterative sift-up and sift-down: no
 * recursion, O(log n) push and pop, O(n) rebuild.
 *
 * The keys live in two Float64Arrays beside the entries: sifting compares
 * contiguous numbers instead of chasing a pointer to each entry, which is what a
 * heap of a million timers spends its time on.
 *
 * @internal
 * @module
 */

/** What the heap orders. @internal */
export interface HeapEntry {
  _when: number;
}

/** @internal */
export class TimerHeap<E extends HeapEntry> {
  /** The entries, in heap order; index 0 is the earliest. */
  items: E[] = [];
  #when = new Float64Array(64);
  #seq = new Float64Array(64);
  /** The number the next entry pushed gets. */
  #next = 0;

  get length(): number {
    return this.items.length;
  }

  peek(): E | undefined {
    return this.items[0];
  }

  push(e: E): void {
    const items = this.items;
    let i = items.length;
    if (i === this.#when.length) this.#grow(i * 2);
    const when = this.#when;
    const seq = this.#seq;
    const w = e._when;
    const s = this.#next++;
    items.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pw = when[parent] as number;
      if (pw < w || (pw === w && (seq[parent] as number) < s)) break;
      items[i] = items[parent] as E;
      when[i] = pw;
      seq[i] = seq[parent] as number;
      i = parent;
    }
    items[i] = e;
    when[i] = w;
    seq[i] = s;
  }

  pop(): E | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const top = items[0] as E;
    const last = items.pop() as E;
    if (n > 1) this.#siftDown(last, this.#when[n - 1] as number, this.#seq[n - 1] as number, 0);
    return top;
  }

  /** Keeps only the entries for which `keep` is true, then restores the heap in O(n). */
  filter(keep: (e: E) => boolean): void {
    const items = this.items;
    const when = this.#when;
    const seq = this.#seq;
    let w = 0;
    for (let r = 0; r < items.length; r++) {
      const e = items[r] as E;
      if (keep(e)) {
        items[w] = e;
        when[w] = when[r] as number;
        seq[w] = seq[r] as number;
        w++;
      }
    }
    items.length = w;
    for (let i = (w >> 1) - 1; i >= 0; i--) {
      this.#siftDown(items[i] as E, when[i] as number, seq[i] as number, i);
    }
  }

  #grow(capacity: number): void {
    const when = new Float64Array(capacity);
    const seq = new Float64Array(capacity);
    when.set(this.#when);
    seq.set(this.#seq);
    this.#when = when;
    this.#seq = seq;
  }

  #siftDown(e: E, w: number, s: number, i: number): void {
    const items = this.items;
    const when = this.#when;
    const seq = this.#seq;
    const n = items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let cw = when[child] as number;
      let cs = seq[child] as number;
      const right = child + 1;
      if (right < n) {
        const rw = when[right] as number;
        const rs = seq[right] as number;
        if (rw < cw || (rw === cw && rs < cs)) {
          child = right;
          cw = rw;
          cs = rs;
        }
      }
      if (w < cw || (w === cw && s < cs)) break;
      items[i] = items[child] as E;
      when[i] = cw;
      seq[i] = cs;
      i = child;
    }
    items[i] = e;
    when[i] = w;
    seq[i] = s;
  }
}
