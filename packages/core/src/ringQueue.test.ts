import { describe, expect, test } from 'vitest';
import { RingQueue } from './ringQueue';

describe('RingQueue', () => {
  test('is FIFO and reports its length', () => {
    const q = new RingQueue<number>();
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
    expect(q.peek()).toBeUndefined();
    q.push(1);
    q.push(2);
    q.push(3);
    expect(q.length).toBe(3);
    expect(q.peek()).toBe(1);
    expect(q.shift()).toBe(1);
    expect(q.shift()).toBe(2);
    expect(q.length).toBe(1);
  });

  test('keeps FIFO order when it grows while wrapped around', () => {
    const q = new RingQueue<number>(4);
    const out: number[] = [];
    let next = 0;
    // Interleave pushes and shifts so the head moves, then grow past capacity.
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 7; k++) q.push(next++);
      for (let k = 0; k < 5; k++) out.push(q.shift() as number);
    }
    while (q.length > 0) out.push(q.shift() as number);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  test('at() inspects items from the head without removing them', () => {
    const q = new RingQueue<string>();
    q.push('a');
    q.push('b');
    q.shift();
    q.push('c');
    expect(q.at(0)).toBe('b');
    expect(q.at(1)).toBe('c');
    expect(q.at(2)).toBeUndefined();
    expect(q.at(-1)).toBeUndefined();
    expect(q.length).toBe(2);
  });

  test('clear() drops every item and the queue stays usable', () => {
    const q = new RingQueue<number>(100);
    for (let i = 0; i < 40; i++) q.push(i);
    q.clear();
    expect(q.length).toBe(0);
    expect(q.shift()).toBeUndefined();
    for (let i = 0; i < 20; i++) q.push(i);
    expect(q.shift()).toBe(0);
    expect(q.length).toBe(19);
  });

  test('handles a million items', () => {
    const q = new RingQueue<number>();
    for (let i = 0; i < 1_000_000; i++) q.push(i);
    let sum = 0;
    let expected = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const v = q.shift() as number;
      if (v !== i) throw new Error(`out of order at ${i}: ${v}`);
      sum += v;
      expected += i;
    }
    expect(sum).toBe(expected);
    expect(q.length).toBe(0);
  });
});
