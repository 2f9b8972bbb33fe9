import { describe, expect, test } from 'vitest';
import { WaiterQueue } from './waiters';

const w = (n: number) => ({ n });

describe('WaiterQueue', () => {
  test('keeps waiters in arrival order and shifts them from the head', () => {
    const q = new WaiterQueue<{ n: number }>();
    const ws = [w(1), w(2), w(3)];
    for (const x of ws) q.push(x);
    expect(q.size).toBe(3);
    expect(q.first()).toBe(ws[0]);
    expect(q.shift()).toBe(ws[0]);
    expect(q.shift()).toBe(ws[1]);
    expect(q.size).toBe(1);
    expect(q.shift()).toBe(ws[2]);
    expect(q.shift()).toBeUndefined();
    expect(q.first()).toBeUndefined();
  });

  test('removes a waiter from the middle by its ticket, and only that waiter', () => {
    const q = new WaiterQueue<{ n: number }>();
    const ws = [w(1), w(2), w(3), w(4)];
    const tickets = ws.map((x) => q.push(x));
    expect(q.remove(tickets[1] as number, ws[1] as { n: number })).toBe(true);
    expect(q.remove(tickets[1] as number, ws[1] as { n: number })).toBe(false); // already gone
    expect(q.remove(tickets[2] as number, ws[3] as { n: number })).toBe(false); // wrong waiter
    const seen: number[] = [];
    q.some((x) => {
      seen.push(x.n);
      return false;
    });
    expect(seen).toEqual([1, 3, 4]);
    expect(q.size).toBe(3);
  });

  test('a ticket of a waiter already shifted out removes nothing', () => {
    const q = new WaiterQueue<{ n: number }>();
    const a = w(1);
    const b = w(2);
    const ta = q.push(a);
    q.push(b);
    expect(q.shift()).toBe(a);
    expect(q.remove(ta, a)).toBe(false);
    expect(q.size).toBe(1);
  });

  test('some stops at the first visit that returns true', () => {
    const q = new WaiterQueue<{ n: number }>();
    for (let i = 1; i <= 5; i++) q.push(w(i));
    const seen: number[] = [];
    const found = q.some((x) => {
      seen.push(x.n);
      return x.n === 3;
    });
    expect([found, seen]).toEqual([true, [1, 2, 3]]);
    expect(new WaiterQueue().some(() => true)).toBe(false);
  });

  test('tickets stay valid across compaction of 100 000 waiters', () => {
    const q = new WaiterQueue<{ n: number }>();
    const n = 100_000;
    const ws = Array.from({ length: n }, (_, i) => w(i));
    const tickets = ws.map((x) => q.push(x));
    // Drain most from the head (compacting several times), remove every odd one left.
    let inOrder = true;
    for (let i = 0; i < 90_000; i++) inOrder &&= q.shift() === ws[i];
    let removed = 0;
    for (let i = 90_001; i < n; i += 2)
      if (q.remove(tickets[i] as number, ws[i] as { n: number })) removed++;
    expect([inOrder, removed]).toEqual([true, 5_000]);
    expect(q.size).toBe(5_000);
    const rest: number[] = [];
    for (let x = q.shift(); x !== undefined; x = q.shift()) rest.push(x.n);
    expect(rest.length).toBe(5_000);
    expect(rest.every((v, i) => v === 90_000 + 2 * i)).toBe(true);
  });

  test('keeps working after it empties (tickets keep increasing)', () => {
    const q = new WaiterQueue<{ n: number }>();
    const a = w(1);
    const ta = q.push(a);
    q.shift();
    const b = w(2);
    const tb = q.push(b);
    expect(tb).toBeGreaterThan(ta);
    expect(q.remove(ta, a)).toBe(false);
    expect(q.remove(tb, b)).toBe(true);
    expect(q.size).toBe(0);
  });
});
