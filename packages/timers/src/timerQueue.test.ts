import { seededRandom } from '@aio/test-utils';
import { describe, expect, it } from 'vitest';
import { TimerQueue } from './timerQueue';

describe('TimerQueue', () => {
  it('pops entries by deadline, equal deadlines in insertion order', () => {
    const q = new TimerQueue<number>();
    const rand = seededRandom(1);
    const ref: Array<{ deadline: number; id: number }> = [];
    for (let id = 0; id < 10_000; id++) {
      const deadline = Math.floor(rand() * 200); // many ties
      q.push(deadline, id);
      ref.push({ deadline, id });
    }
    ref.sort((a, b) => a.deadline - b.deadline || a.id - b.id);
    const out: number[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.seq);
    expect(out).toEqual(ref.map((r) => r.id));
    expect(q.size).toBe(0);
  });

  it('skips cancelled entries lazily and drops their values at once', () => {
    const q = new TimerQueue<{ big: string }>();
    const a = q.push(1, { big: 'a' });
    const b = q.push(2, { big: 'b' });
    expect(q.cancel(a)).toBe(true);
    expect(a.value).toBeUndefined();
    expect(a.state).toBe('cancelled');
    expect(q.size).toBe(1);
    expect(q.storedSize).toBe(2); // still stored: deleted lazily
    expect(q.peek()).toBe(b);
    expect(q.storedSize).toBe(1); // discarded when it reached the top
  });

  it('refuses to cancel an entry twice or after it was popped', () => {
    const q = new TimerQueue<string>();
    const a = q.push(1, 'a');
    const b = q.push(2, 'b');
    expect(q.cancel(a)).toBe(true);
    expect(q.cancel(a)).toBe(false);
    expect(q.pop()).toBe(b);
    expect(b.state).toBe('popped');
    expect(q.cancel(b)).toBe(false);
    expect(q.size).toBe(0);
  });

  it('compacts when cancelled entries are more than half of at least 100', () => {
    const q = new TimerQueue<number>();
    const entries = Array.from({ length: 100 }, (_, i) => q.push(1000 - i, i));
    for (let i = 0; i < 50; i++) q.cancel(entries[i]!);
    expect(q.storedSize).toBe(100); // exactly half: not more than half
    q.cancel(entries[50]!);
    expect(q.storedSize).toBe(49); // 51 of 100: compacted
    expect(q.size).toBe(49);
    const out: number[] = [];
    for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e.value as unknown as number);
    expect(out).toEqual(Array.from({ length: 49 }, (_, i) => 99 - i));
  });

  it('does not compact below 100 stored entries', () => {
    const q = new TimerQueue<number>();
    const entries = Array.from({ length: 99 }, (_, i) => q.push(i, i));
    for (let i = 1; i < 99; i++) q.cancel(entries[i]!);
    expect(q.storedSize).toBe(99);
    expect(q.size).toBe(1);
    expect(q.pop()).toBe(entries[0]);
    expect(q.pop()).toBeUndefined();
    expect(q.storedSize).toBe(0);
  });

  it('keeps order through interleaved pushes, pops and cancellations at scale', () => {
    const q = new TimerQueue<number>();
    const rand = seededRandom(7);
    const live = new Map<number, { deadline: number; entry: ReturnType<typeof q.push> }>();
    let id = 0;
    let last = { deadline: -Infinity, seq: -1 };
    for (let round = 0; round < 100_000; round++) {
      const r = rand();
      if (r < 0.5) {
        const deadline = last.deadline === -Infinity ? 0 : last.deadline + Math.floor(rand() * 50);
        live.set(id, { deadline, entry: q.push(deadline, id) });
        id++;
      } else if (r < 0.8) {
        const e = q.pop();
        if (e !== undefined) {
          const inOrder =
            e.deadline > last.deadline || (e.deadline === last.deadline && e.seq > last.seq);
          if (!inOrder) throw new Error(`entry ${e.seq} popped out of order at round ${round}`);
          last = { deadline: e.deadline, seq: e.seq };
          live.delete(e.seq);
        }
      } else if (live.size > 0) {
        const victim = Math.floor(rand() * id);
        const v = live.get(victim);
        if (v !== undefined) {
          q.cancel(v.entry);
          live.delete(victim);
        }
      }
      if (q.size !== live.size) throw new Error(`size ${q.size} != ${live.size} at round ${round}`);
    }
    expect(q.storedSize).toBeLessThanOrEqual(Math.max(100, 2 * q.size + 1));
  });
});
