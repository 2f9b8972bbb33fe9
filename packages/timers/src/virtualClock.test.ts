import type { EventLoop, IdleInfo } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { RunawayLoopError } from './errors';
import { wasCollected } from '@aio/test-utils';
import { VirtualClock } from './virtualClock';

const idle = (hostPending = 0, hostIdle = false): IdleInfo => ({
  hostPending,
  hostIdle,
  loop: {} as EventLoop,
});
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('VirtualClock', () => {
  it('starts at `start` (default 0) and does not move by itself', async () => {
    expect(new VirtualClock().now()).toBe(0);
    const clock = new VirtualClock({ start: 1234.5 });
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now()).toBe(1234.5);
  });

  it('advance() fires due wake-ups in order, each with now() at its own deadline', () => {
    const clock = new VirtualClock({ autojump: false });
    const seen: string[] = [];
    clock.setTimer(30, () => seen.push(`c@${clock.now()}`));
    clock.setTimer(10, () => seen.push(`a@${clock.now()}`));
    clock.setTimer(20, () => seen.push(`b@${clock.now()}`));
    clock.setTimer(50, () => seen.push(`d@${clock.now()}`));
    clock.advance(35);
    expect(seen).toEqual(['a@10', 'b@20', 'c@30']);
    expect(clock.now()).toBe(35);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextDeadline()).toBe(50);
  });

  it('advance() also fires wake-ups armed on the way that fall due before the target', () => {
    const clock = new VirtualClock({ autojump: false });
    const seen: number[] = [];
    const tick = (): void => {
      seen.push(clock.now());
      clock.setTimer(clock.now() + 10, tick);
    };
    clock.setTimer(10, tick);
    clock.advance(45);
    expect(seen).toEqual([10, 20, 30, 40]);
    expect(clock.nextDeadline()).toBe(50);
  });

  it('advanceTo() moves to an absolute time and refuses to go back', () => {
    const clock = new VirtualClock({ start: 100, autojump: false });
    clock.advanceTo(250);
    expect(clock.now()).toBe(250);
    clock.advanceTo(250);
    expect(clock.now()).toBe(250);
    expect(() => clock.advanceTo(249)).toThrow(
      new RangeError(
        'VirtualClock.advanceTo: t (249) is earlier than the current time (250); virtual time never goes back',
      ),
    );
    expect(() => clock.advanceTo(Number.NaN)).toThrow(
      new RangeError('VirtualClock.advanceTo: t must be a finite number, got NaN'),
    );
  });

  it('advance() rejects negative, infinite and non-number durations', () => {
    const clock = new VirtualClock();
    expect(() => clock.advance(-1)).toThrow(
      new RangeError('VirtualClock.advance: ms must be a finite number >= 0, got -1'),
    );
    expect(() => clock.advance(Infinity)).toThrow(RangeError);
    expect(() => clock.advance('5' as unknown as number)).toThrow(
      new RangeError('VirtualClock.advance: ms must be a finite number >= 0, got "5"'),
    );
  });

  it('jumps to the deadline on advanceIdle() when autojump is on and no host work is pending', () => {
    const clock = new VirtualClock();
    expect(clock.advanceIdle(500, idle())).toBe(true);
    expect(clock.now()).toBe(500);
  });

  it('holds time still on advanceIdle() while the loop waits for a host operation', () => {
    const clock = new VirtualClock();
    expect(clock.advanceIdle(500, idle(1))).toBe(false);
    expect(clock.now()).toBe(0);
    expect(clock.advanceIdle(500, idle(0))).toBe(true);
    expect(clock.now()).toBe(500);
  });

  it('moves on despite a pending host operation once the host has no work left', () => {
    // The promise can then only settle through the loop's own progress (a task made
    // into a promise and wrapped back): holding time would deadlock the loop.
    const clock = new VirtualClock();
    expect(clock.advanceIdle(500, idle(1, false))).toBe(false);
    expect(clock.advanceIdle(500, idle(1, true))).toBe(true);
    expect(clock.now()).toBe(500);
    // Autojump off still wins: nothing moves a manual clock but advance().
    const manual = new VirtualClock({ autojump: false });
    expect(manual.advanceIdle(500, idle(1, true))).toBe(false);
  });

  it('declines advanceIdle() with autojump off, and follows the autojump setter', () => {
    const clock = new VirtualClock({ autojump: false });
    expect(clock.autojump).toBe(false);
    expect(clock.advanceIdle(500, idle())).toBe(false);
    expect(clock.now()).toBe(0);
    clock.autojump = true;
    expect(clock.advanceIdle(500, idle())).toBe(true);
    expect(clock.now()).toBe(500);
  });

  it('delivers wake-ups made due by a jump from a microtask, not from advanceIdle()', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.setTimer(100, () => seen.push(`other@${clock.now()}`));
    clock.setTimer(900, () => seen.push('later'));
    clock.advanceIdle(300, idle());
    seen.push('returned');
    await flush();
    expect(seen).toEqual(['returned', 'other@300']);
    expect(clock.pendingTimers).toBe(1);
  });

  it('never calls wake inside setTimer, even for a deadline already reached', () => {
    const clock = new VirtualClock({ start: 10 });
    let called = 0;
    clock.setTimer(5, () => called++);
    expect(called).toBe(0);
    clock.advance(0);
    expect(called).toBe(1);
  });

  it('forgets a cleared wake-up: not called, not counted, not held', async () => {
    const clock = new VirtualClock({ autojump: false });
    let called = 0;
    let payload: { big: number[] } | undefined = { big: new Array(1000).fill(1) };
    const ref = new WeakRef(payload);
    const token = ((p) => clock.setTimer(10, () => (called += p.big.length)))(payload);
    payload = undefined;
    clock.clearTimer(token);
    expect(clock.pendingTimers).toBe(0);
    expect(await wasCollected(ref)).toBe(true);
    clock.advance(20);
    expect(called).toBe(0);
    expect(token).toBeDefined(); // the token itself stays alive, the wake does not
  });

  it('refuses tokens that do not come from its own setTimer', () => {
    const clock = new VirtualClock();
    const other = new VirtualClock();
    const foreign = other.setTimer(1, () => {});
    expect(() => clock.clearTimer(foreign)).toThrow(
      new TypeError(
        "VirtualClock.clearTimer: token must come from this clock's setTimer, got [object Object]",
      ),
    );
    expect(() => clock.clearTimer(42)).toThrow(TypeError);
    expect(() => clock.clearTimer(undefined)).not.toThrow();
  });

  it('validates setTimer arguments', () => {
    const clock = new VirtualClock();
    expect(() => clock.setTimer(Number.NaN, () => {})).toThrow(
      new TypeError('VirtualClock.setTimer: deadline must be a number, got NaN'),
    );
    expect(() => clock.setTimer(1, 'x' as unknown as () => void)).toThrow(
      new TypeError('VirtualClock.setTimer: wake must be a function, got "x"'),
    );
  });

  it('validates its options', () => {
    expect(() => new VirtualClock({ start: Infinity })).toThrow(
      new RangeError('VirtualClock: start must be a finite number, got Infinity'),
    );
    expect(() => new VirtualClock({ stallLimit: 0 })).toThrow(
      new RangeError('VirtualClock: stallLimit must be a positive number, got 0'),
    );
    expect(() => new VirtualClock(null as unknown as object)).toThrow(
      new TypeError('VirtualClock: options must be an object, got null'),
    );
  });

  it('lets an error thrown by a wake-up through advance() and keeps the later ones pending', () => {
    const clock = new VirtualClock({ autojump: false });
    const seen: number[] = [];
    clock.setTimer(10, () => {
      throw new Error('boom');
    });
    clock.setTimer(20, () => seen.push(clock.now()));
    expect(() => clock.advance(30)).toThrow('boom');
    expect(clock.now()).toBe(10);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(20);
    expect(seen).toEqual([20]);
    expect(clock.now()).toBe(30);
  });

  it('shows its state in toString()', () => {
    const clock = new VirtualClock({ start: 1000 });
    clock.setTimer(2000, () => {});
    expect(String(clock)).toBe('<VirtualClock now=1000 autojump pending=1>');
    clock.autojump = false;
    expect(String(clock)).toBe('<VirtualClock now=1000 manual pending=1>');
  });

  describe('runaway guard', () => {
    it('throws RunawayLoopError when read more than stallLimit times at one instant', () => {
      const clock = new VirtualClock({ start: 7, stallLimit: 100 });
      for (let i = 0; i < 100; i++) clock.now();
      let error: unknown;
      try {
        clock.now();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RunawayLoopError);
      expect(error).toBeInstanceOf(Error);
      const e = error as RunawayLoopError;
      expect(e.name).toBe('RunawayLoopError');
      expect(e.instant).toBe(7);
      expect(e.limit).toBe(100);
      expect(e.message).toBe(
        'VirtualClock read more than 100 times at virtual time 7 ms: assuming a runaway loop ' +
          '(work that never lets time move, such as a zero-delay timer that keeps rescheduling itself). ' +
          'If this is legitimate, raise `stallLimit` in new VirtualClock({ stallLimit }).',
      );
    });

    it('starts counting afresh whenever time moves', () => {
      const clock = new VirtualClock({ stallLimit: 10 });
      for (let t = 1; t <= 100; t++) {
        for (let i = 0; i < 10; i++) clock.now();
        clock.advanceIdle(t, idle());
      }
      clock.advance(1);
      for (let i = 0; i < 10; i++) clock.now();
      expect(clock.now.bind(clock)).toThrow(RunawayLoopError);
    });

    it('keeps throwing until the host gets a turn, then gives a fresh budget', async () => {
      const clock = new VirtualClock({ stallLimit: 3 });
      clock.now();
      clock.now();
      clock.now();
      expect(() => clock.now()).toThrow(RunawayLoopError);
      expect(() => clock.now()).toThrow(RunawayLoopError); // whoever reads next sees it too
      await Promise.resolve();
      expect(clock.now()).toBe(0);
      clock.now();
      clock.now();
      expect(() => clock.now()).toThrow(RunawayLoopError);
    });

    it('is reset by moving time', () => {
      const clock = new VirtualClock({ stallLimit: 2, autojump: false });
      clock.now();
      clock.now();
      expect(() => clock.now()).toThrow(RunawayLoopError);
      clock.advance(1);
      expect(clock.now()).toBe(1);
    });

    it('stops wake-ups that keep re-arming at one instant inside advance()', () => {
      const clock = new VirtualClock({ autojump: false, stallLimit: 1000 });
      let wakes = 0;
      const again = (): void => {
        wakes++;
        clock.setTimer(clock.now() - 1, again);
      };
      clock.setTimer(5, again);
      expect(() => clock.advance(10)).toThrow(RunawayLoopError);
      expect(wakes).toBeLessThan(1000);
      expect(wakes).toBeGreaterThan(400);
    });

    it('can be turned off with stallLimit: Infinity', () => {
      const clock = new VirtualClock({ stallLimit: Infinity });
      for (let i = 0; i < 100_000; i++) clock.now();
      expect(clock.now()).toBe(0);
    });
  });
});
