/**
 * A minimal virtual clock for core's own tests, built on the public Clock
 * interface only (core cannot depend on @aio/timers, which supplies the real
 * VirtualClock). Time starts at 0 and jumps straight to the next timer when the
 * loop is idle, unless a wrapped native promise is pending.
 */
import type { Clock, IdleInfo } from '../src/clock';

export class TestClock implements Clock {
  #now: number;
  #wakes = new Map<number, { deadline: number; wake: () => void }>();
  #nextToken = 1;
  /** How many times the loop asked to be woken through the host. */
  setTimerCalls = 0;
  /** How many idle jumps the clock made. */
  jumps = 0;

  constructor(
    start = 0,
    readonly autojump = true,
  ) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(deadline: number, wake: () => void): unknown {
    this.setTimerCalls++;
    const token = this.#nextToken++;
    this.#wakes.set(token, { deadline, wake });
    return token;
  }

  clearTimer(token: unknown): void {
    this.#wakes.delete(token as number);
  }

  advanceIdle(deadline: number, info: IdleInfo): boolean {
    if (!this.autojump || info.hostPending > 0) return false;
    this.jumps++;
    if (deadline > this.#now) this.#now = deadline;
    return true;
  }

  /** Moves time forward by `ms` and wakes the loops whose deadline passed. */
  advance(ms: number): void {
    this.#now += ms;
    for (const [token, w] of [...this.#wakes]) {
      if (w.deadline <= this.#now) {
        this.#wakes.delete(token);
        w.wake();
      }
    }
  }
}
