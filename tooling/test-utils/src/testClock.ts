/**
 * A small virtual clock for the packages' own tests, on the shape of `@aio/core`'s
 * public `Clock` interface (structurally: this package imports nothing from core, so
 * every package can use it, core included). `@aio/timers` ships the real
 * `VirtualClock`; this one exists so that core and interop can test without it.
 *
 * Time starts at `start` (0). When the loop is idle the clock jumps straight to the
 * next timer, unless `autojump` is off or a wrapped native promise is pending (then the
 * loop waits for the host, as with `VirtualClock`); `advance(ms)` moves time by hand
 * and fires the wake-ups that came due.
 *
 * @module
 */

/** What a loop tells its clock when idle (core's `IdleInfo`, structurally). */
interface IdleInfoLike {
  readonly hostPending: number;
  readonly hostIdle?: boolean;
}

/**
 * A deterministic virtual clock for tests.
 *
 * @example
 * ```ts
 * const clock = new TestClock();
 * runSync(main(), { clock }); // sleeps take no real time
 * ```
 */
export class TestClock {
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

  /** The virtual time in ms. */
  now(): number {
    return this.#now;
  }

  /** Records a wake-up; it fires when {@link TestClock.advance} passes its deadline. */
  setTimer(deadline: number, wake: () => void): unknown {
    this.setTimerCalls++;
    const token = this.#nextToken++;
    this.#wakes.set(token, { deadline, wake });
    return token;
  }

  /** Forgets a wake-up. */
  clearTimer(token: unknown): void {
    this.#wakes.delete(token as number);
  }

  /**
   * Jumps to `deadline` unless autojump is off, or host work is pending while the host
   * is busy (once the host is idle, only the loop can settle it: time moves on).
   */
  advanceIdle(deadline: number, info: IdleInfoLike): boolean {
    if (!this.autojump || (info.hostPending > 0 && info.hostIdle !== true)) return false;
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
