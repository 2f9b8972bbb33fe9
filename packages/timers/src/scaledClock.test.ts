import { RealClock } from '@aio/core';
import type { Clock, EventLoop, IdleInfo } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { ScaledClock } from './scaledClock';
import { VirtualClock } from './virtualClock';

const idle = (): IdleInfo => ({ hostPending: 0, hostIdle: false, loop: {} as EventLoop });
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** A manual base clock that records how many of its timers are armed at once. */
class SpyClock implements Clock {
  t = 0;
  armed = new Map<number, { deadline: number; wake: () => void }>();
  setCalls = 0;
  maxArmed = 0;
  #next = 1;
  now(): number {
    return this.t;
  }
  setTimer(deadline: number, wake: () => void): unknown {
    this.setCalls++;
    const id = this.#next++;
    this.armed.set(id, { deadline, wake });
    this.maxArmed = Math.max(this.maxArmed, this.armed.size);
    return id;
  }
  clearTimer(token: unknown): void {
    this.armed.delete(token as number);
  }
  /** Fires the armed timers due at `t` (or all of them, early, with `early`). */
  fire(early = false): void {
    for (const [id, { deadline, wake }] of [...this.armed]) {
      if (early || deadline <= this.t) {
        this.armed.delete(id);
        wake();
      }
    }
  }
}

describe('ScaledClock', () => {
  it('runs `rate` times as fast as its base, from `start`', () => {
    const base = new VirtualClock({ start: 1000, autojump: false });
    const clock = new ScaledClock({ rate: 100, base, start: 5 });
    expect(clock.now()).toBe(5);
    base.advance(2.5);
    expect(clock.now()).toBe(255);
    const slow = new ScaledClock({ rate: 0.1, base });
    base.advance(100);
    expect(slow.now()).toBe(10);
  });

  it('wakes at the matching base time, never before its own deadline', () => {
    const base = new VirtualClock({ autojump: false });
    const clock = new ScaledClock({ rate: 3, base });
    const seen: number[] = [];
    clock.setTimer(10, () => seen.push(clock.now()));
    base.advance(3.3);
    expect(seen).toEqual([]);
    base.advance(0.04);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(10);
    expect(seen[0]).toBeLessThan(10.2);
  });

  it('arms one base timer for its earliest wake-up, however many it holds', () => {
    const base = new SpyClock();
    const clock = new ScaledClock({ rate: 2, base });
    for (let i = 1000; i >= 1; i--) clock.setTimer(i, () => {}); // each earlier than the last
    for (let i = 1; i <= 1000; i++) clock.setTimer(i, () => {}); // none earlier
    expect(base.maxArmed).toBe(1);
    expect([...base.armed.values()].map((a) => a.deadline)).toEqual([0.5]);
    expect(base.setCalls).toBe(1000);
  });

  it('delivers everything due on one base wake-up in order, then re-arms for the next', () => {
    const base = new SpyClock();
    const clock = new ScaledClock({ rate: 1, base });
    const seen: string[] = [];
    clock.setTimer(5, () => seen.push('b'));
    clock.setTimer(3, () => seen.push('a'));
    clock.setTimer(5, () => seen.push('c'));
    clock.setTimer(9, () => seen.push('d'));
    base.t = 6;
    base.fire();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect([...base.armed.values()].map((a) => a.deadline)).toEqual([9]);
  });

  it('re-arms instead of delivering when the base wakes it early', () => {
    const base = new SpyClock();
    const clock = new ScaledClock({ rate: 1, base });
    let called = 0;
    clock.setTimer(10, () => called++);
    base.t = 9.2;
    base.fire(true); // early, as the real clock can be by up to 1 ms
    expect(called).toBe(0);
    expect([...base.armed.values()].map((a) => a.deadline)).toEqual([10]);
    base.t = 10;
    base.fire();
    expect(called).toBe(1);
  });

  it('disarms the base timer when its only wake-up is cleared', () => {
    const base = new SpyClock();
    const clock = new ScaledClock({ rate: 1, base });
    const a = clock.setTimer(10, () => {});
    const b = clock.setTimer(20, () => {});
    clock.clearTimer(a);
    expect([...base.armed.values()].map((x) => x.deadline)).toEqual([20]);
    clock.clearTimer(b);
    expect(base.armed.size).toBe(0);
  });

  it('still delivers the other due wake-ups when one throws, then reports the error', () => {
    const base = new SpyClock();
    const clock = new ScaledClock({ rate: 1, base });
    const seen: string[] = [];
    clock.setTimer(1, () => {
      throw new Error('first');
    });
    clock.setTimer(1, () => seen.push('second'));
    clock.setTimer(2, () => seen.push('later'));
    base.t = 1;
    expect(() => base.fire()).toThrow('first');
    expect(seen).toEqual(['second']);
    expect([...base.armed.values()].map((x) => x.deadline)).toEqual([2]);
  });

  it('delegates advanceIdle to a base clock that can move its own time', async () => {
    const base = new VirtualClock();
    const clock = new ScaledClock({ rate: 10, base });
    let woken = 0;
    clock.setTimer(50, () => woken++);
    expect(clock.advanceIdle(50, idle())).toBe(true);
    expect(clock.now()).toBeGreaterThanOrEqual(50);
    expect(base.now()).toBeCloseTo(5, 10);
    await flush();
    expect(woken).toBe(1);
  });

  it('declines advanceIdle over the real clock', () => {
    const clock = new ScaledClock({ rate: 10, base: new RealClock() });
    const before = clock.now();
    expect(clock.advanceIdle(before + 1e6, idle())).toBe(false);
    expect(clock.now()).toBeLessThan(before + 1e6);
  });

  it('scales the real clock by default', async () => {
    const clock = new ScaledClock({ rate: 1000 });
    const t0 = clock.now();
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now() - t0).toBeGreaterThan(1000); // 5 real ms or more, ×1000
  });

  it('validates its options and arguments', () => {
    expect(() => new ScaledClock({ rate: 0 })).toThrow(
      new RangeError('ScaledClock: rate must be a finite number > 0, got 0'),
    );
    expect(() => new ScaledClock({ rate: Infinity })).toThrow(RangeError);
    expect(() => new ScaledClock({ rate: 2, start: Number.NaN })).toThrow(
      new RangeError('ScaledClock: start must be a finite number, got NaN'),
    );
    expect(() => new ScaledClock({ rate: 2, base: {} as Clock })).toThrow(
      new TypeError(
        'ScaledClock: base must be a Clock (now, setTimer, clearTimer), got [object Object]',
      ),
    );
    expect(() => new ScaledClock(undefined as unknown as { rate: number })).toThrow(
      new TypeError('ScaledClock: options must be an object, got undefined'),
    );
    const clock = new ScaledClock({ rate: 2, base: new VirtualClock() });
    expect(() => clock.setTimer(Number.NaN, () => {})).toThrow(
      new TypeError('ScaledClock.setTimer: deadline must be a number, got NaN'),
    );
    expect(() => clock.clearTimer({})).toThrow(
      new TypeError(
        "ScaledClock.clearTimer: token must come from this clock's setTimer, got [object Object]",
      ),
    );
    expect(String(clock)).toBe('<ScaledClock rate=2>');
  });
});
