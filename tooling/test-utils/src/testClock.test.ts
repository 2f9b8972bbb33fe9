import { describe, expect, it } from 'vitest';
import { TestClock } from './testClock';

describe('TestClock', () => {
  it('starts at the given time and jumps to a deadline when idle', () => {
    const clock = new TestClock(5);
    expect(clock.now()).toBe(5);
    expect(clock.advanceIdle(20, { hostPending: 0 })).toBe(true);
    expect(clock.now()).toBe(20);
    expect(clock.jumps).toBe(1);
  });

  it('holds time still while host work is pending, or when autojump is off', () => {
    expect(new TestClock().advanceIdle(10, { hostPending: 1 })).toBe(false);
    const manual = new TestClock(0, false);
    expect(manual.advanceIdle(10, { hostPending: 0 })).toBe(false);
    expect(manual.now()).toBe(0);
  });

  it('advance() fires the wake-ups that came due, once, and not the cleared ones', () => {
    const clock = new TestClock();
    const fired: string[] = [];
    clock.setTimer(10, () => fired.push('a'));
    const b = clock.setTimer(10, () => fired.push('b'));
    clock.setTimer(30, () => fired.push('c'));
    clock.clearTimer(b);
    clock.advance(10);
    clock.advance(5);
    expect(fired).toEqual(['a']);
    clock.advance(15);
    expect(fired).toEqual(['a', 'c']);
    expect(clock.setTimerCalls).toBe(3);
  });
});
