import { describe, expect, test } from 'vitest';
import { TimerHeap } from './timerHeap';

interface Entry {
  _when: number;
  _seq: number;
  id: string;
}

function drain(h: TimerHeap<Entry>): string[] {
  const out: string[] = [];
  for (let e = h.pop(); e !== undefined; e = h.pop()) out.push(e.id);
  return out;
}

describe('TimerHeap', () => {
  test('pops entries by deadline, ties in the order they were pushed (FIFO)', () => {
    const h = new TimerHeap<Entry>();
    let seq = 0;
    const add = (when: number, id: string) => h.push({ _when: when, _seq: seq++, id });
    add(30, 'c');
    add(10, 'a1');
    add(20, 'b');
    add(10, 'a2');
    add(10, 'a3');
    add(0, 'z');
    expect(h.length).toBe(6);
    expect(h.peek()?.id).toBe('z');
    expect(drain(h)).toEqual(['z', 'a1', 'a2', 'a3', 'b', 'c']);
    expect(h.pop()).toBeUndefined();
    expect(h.peek()).toBeUndefined();
  });

  test('orders many random entries like a sort by (deadline, sequence)', () => {
    const h = new TimerHeap<Entry>();
    const entries: Entry[] = [];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const e = { _when: x % 50, _seq: i, id: String(i) };
      entries.push(e);
      h.push(e);
    }
    const sorted = [...entries].sort((a, b) => a._when - b._when || a._seq - b._seq);
    expect(drain(h)).toEqual(sorted.map((e) => e.id));
  });

  test('filter() keeps the chosen entries and restores heap order', () => {
    const h = new TimerHeap<Entry>();
    for (let i = 0; i < 300; i++) h.push({ _when: 300 - i, _seq: i, id: String(300 - i) });
    h.filter((e) => e._when % 3 === 0);
    expect(h.length).toBe(100);
    const out = drain(h).map(Number);
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => 3 * (i + 1)));
  });
});
