/**
 * A small virtual clock for this package's tests, on core's public `Clock`
 * interface. `@aio/timers` (which ships the real `VirtualClock`) is not a
 * dependency of `@aio/interop`, and packages never import each other's sources.
 *
 * Time starts at 0. When the loop is idle it jumps straight to the next timer,
 * unless a wrapped native promise is pending (then the loop waits for the host, as
 * with `VirtualClock`).
 */
import type { Clock, IdleInfo } from '@aio/core';

export class TestClock implements Clock {
  #now = 0;
  #nextToken = 1;
  /** Wake-ups the loop asked for (never fired: time moves only by jumping). */
  readonly #wakes = new Map<number, { deadline: number; wake: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimer(deadline: number, wake: () => void): unknown {
    // Called only while a wrapped promise holds time still: the loop is woken by
    // that promise settling, and jumps then. Nothing to arm.
    const token = this.#nextToken++;
    this.#wakes.set(token, { deadline, wake });
    return token;
  }

  clearTimer(token: unknown): void {
    this.#wakes.delete(token as number);
  }

  advanceIdle(deadline: number, info: IdleInfo): boolean {
    if (info.hostPending > 0) return false;
    if (deadline > this.#now) this.#now = deadline;
    return true;
  }
}
