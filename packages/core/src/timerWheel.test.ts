import { describe, expect, test } from 'vitest';
import { TimerQueue } from './timerWheel';

interface Entry {
  _when: number;
  _seq: number;
  id: number;
}

/** A reference: the entries sorted by (deadline, push order). */
function sorted(entries: Entry[]): number[] {
  return [...entries].sort((a, b) => a._when - b._when || a._seq - b._seq).map((e) => e.id);
}

function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('TimerQueue', () => {
  function make() {
    const q = new TimerQueue<Entry>();
    let seq = 0;
    const all: Entry[] = [];
    const add = (when: number, now?: number): Entry => {
      const e = { _when: when, _seq: seq++, id: all.length };
      all.push(e);
      q.push(e, now);
      return e;
    };
    const drain = (): number[] => {
      const out: number[] = [];
      for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.id);
      return out;
    };
    return { q, add, all, drain };
  }

  test('pops by deadline, and equal deadlines in push order (FIFO)', () => {
    const { q, add, drain } = make();
    add(30, 0);
    add(10);
    add(20);
    add(10);
    add(10);
    add(0);
    expect(q.length).toBe(6);
    expect(q.peek()?.id).toBe(5);
    expect(drain()).toEqual([5, 1, 3, 4, 2, 0]);
    expect(q.pop()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
    expect(q.length).toBe(0);
  });

  test('orders whole, fractional, far, past and infinite deadlines like a sort', () => {
    const { add, all, drain } = make();
    const r = lcg(7);
    add(500, 100);
    for (let i = 0; i < 5000; i++) {
      const kind = r();
      if (kind < 0.4) add(100 + Math.floor(r() * 2000));
      else if (kind < 0.7) add(100 + r() * 50);
      else if (kind < 0.8)
        add(100 + r() * 1e7); // mostly beyond the ring
      else if (kind < 0.9)
        add(r() * 100); // before the ring's start: due already
      else if (kind < 0.95)
        add(Math.floor(r() * 3) * 4096 + 200); // the ring's edges
      else add(r() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
    }
    expect(drain()).toEqual(sorted(all));
  });

  test('pops what is due in deadline order at every step, as a heap would', () => {
    const { q, add } = make();
    const r = lcg(5);
    const live: Entry[] = [];
    let now = 0;
    for (let step = 0; step < 2000; step++) {
      q.advance(now);
      for (let i = 0; i < 3; i++) {
        const e = add(now + (r() < 0.9 ? Math.floor(r() * 50) : r() * 6000), now);
        live.push(e);
      }
      const due = live.filter((e) => e._when <= now);
      const expected = sorted(due);
      const got: number[] = [];
      for (let e = q.peek(); e !== undefined && e._when <= now; e = q.peek()) {
        got.push((q.pop() as Entry).id);
      }
      expect(got).toEqual(expected);
      for (const id of got)
        live.splice(
          live.findIndex((e) => e.id === id),
          1,
        );
      now += Math.floor(r() * 20);
    }
  });

  test('a timer pushed far out comes before a later one with the same deadline', () => {
    // A: 5000 ms out, beyond the ring (the heap). The loop's time moves to 2000 (the
    // ring now reaches 5000), then B is pushed for the same deadline: A stays first.
    for (const keepRingBusy of [false, true]) {
      const { q, add } = make();
      add(5000, 0); // A (id 0)
      if (keepRingBusy) add(3000, 0); // id 1: the ring is not empty meanwhile
      q.advance(2000);
      add(5000, 2000); // B
      add(5000.5, 2000);
      const out: number[] = [];
      for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.id);
      expect(out).toEqual(keepRingBusy ? [1, 0, 2, 3] : [0, 1, 2]);
    }
  });

  test('filter() keeps the chosen timers in order', () => {
    const { q, add, all, drain } = make();
    for (let i = 0; i < 3000; i++) add((i * 7919) % 9000, 0);
    q.filter((e) => e.id % 3 === 0);
    expect(q.length).toBe(1000);
    expect(drain()).toEqual(sorted(all.filter((e) => e.id % 3 === 0)));
  });

  test('filter() visits every queued timer once; dropping them all empties the queue', () => {
    const { q, add } = make();
    for (let i = 0; i < 100; i++) add(i * 97, 0);
    q.pop();
    const seen: number[] = [];
    q.filter((e) => {
      seen.push(e.id);
      return false;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 99 }, (_, i) => i + 1));
    expect(q.length).toBe(0);
    expect(q.pop()).toBeUndefined();
    add(5, 0);
    expect(q.pop()?.id).toBe(100);
  });

  test('holds a million timers', () => {
    const { q, add } = make();
    const r = lcg(3);
    for (let i = 0; i < 1_000_000; i++) add(Math.floor(r() * 1001), 0);
    let prev = Number.NEGATIVE_INFINITY;
    let prevSeq = -1;
    let n = 0;
    for (let e = q.pop(); e !== undefined; e = q.pop()) {
      if (e._when < prev || (e._when === prev && e._seq < prevSeq)) throw new Error('out of order');
      prev = e._when;
      prevSeq = e._seq;
      n++;
    }
    expect(n).toBe(1_000_000);
  });
});
