/**
 * A clock that runs at a multiple of another clock's speed.
 *
 * @module
 */

import { RealClock } from '@aio/core';
import type { Clock, IdleInfo } from '@aio/core';
import { describe } from './describe';
import { TimerEntry, TimerQueue } from './timerQueue';

/**
 * Options of {@link ScaledClock}.
 *
 * @example
 * ```ts
 * const opts: ScaledClockOptions = { rate: 100 }; // 100× faster than real time
 * ```
 */
export interface ScaledClockOptions {
  /**
   * How many ms of this clock pass per ms of the base clock: `100` runs a
   * simulation 100× faster, `0.1` a demo 10× slower. A finite number > 0.
   */
  rate: number;
  /** The clock to scale. Default: a new `RealClock` from `@aio/core`. */
  base?: Clock;
  /** What `now()` returns at construction, in ms. Default `0`. */
  start?: number;
}

type Wake = () => void;

/**
 * Another clock's time (by default the real clock's) multiplied by a rate.
 *
 * `now()` starts at `start` (default 0) and moves `rate` times as fast as the base
 * clock. Wake-ups are kept in the clock's own queue, ordered by deadline then by
 * arrival (FIFO ties), and only one base-clock timer is armed, for the earliest
 * of them; a wake-up is never delivered before `now()` reaches its deadline (an
 * early wake-up of the base clock, which the real clock can give by up to 1 ms,
 * is re-armed). Over a base clock that can move its own time (a `VirtualClock`),
 * `advanceIdle` is delegated too.
 *
 * @example
 * ```ts
 * import { run, sleep } from '@aio/core';
 * import { ScaledClock } from '@aio/timers';
 *
 * function* main(): Coro<void> {
 *   yield* sleep(10_000); // ten seconds of simulated time...
 * }
 * await run(main(), { clock: new ScaledClock({ rate: 100 }) }); // ...in 100 ms
 * ```
 */
export class ScaledClock implements Clock {
  /** The speed factor. */
  readonly rate: number;
  readonly #base: Clock;
  readonly #start: number;
  readonly #baseStart: number;
  readonly #queue = new TimerQueue<Wake>();
  #armed: unknown = undefined;
  #armedAt = Infinity;

  /**
   * @throws {RangeError} if `rate` is not a finite number > 0 or `start` is not finite.
   * @throws {TypeError} if `base` is not a clock.
   */
  constructor(options: ScaledClockOptions) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`ScaledClock: options must be an object, got ${describe(options)}`);
    }
    const { rate, base = new RealClock(), start = 0 } = options;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
      throw new RangeError(`ScaledClock: rate must be a finite number > 0, got ${describe(rate)}`);
    }
    if (typeof start !== 'number' || !Number.isFinite(start)) {
      throw new RangeError(`ScaledClock: start must be a finite number, got ${describe(start)}`);
    }
    if (
      base === null ||
      typeof base !== 'object' ||
      typeof base.now !== 'function' ||
      typeof base.setTimer !== 'function' ||
      typeof base.clearTimer !== 'function'
    ) {
      throw new TypeError(
        `ScaledClock: base must be a Clock (now, setTimer, clearTimer), got ${describe(base)}`,
      );
    }
    this.rate = rate;
    this.#base = base;
    this.#start = start;
    this.#baseStart = base.now();
  }

  /** The current scaled time in ms. */
  now(): number {
    return this.#fromBase(this.#base.now());
  }

  /** Wakes the caller once the scaled time reaches `deadline`. */
  setTimer(deadline: number, wake: () => void): unknown {
    if (typeof deadline !== 'number' || Number.isNaN(deadline)) {
      throw new TypeError(
        `ScaledClock.setTimer: deadline must be a number, got ${describe(deadline)}`,
      );
    }
    if (typeof wake !== 'function') {
      throw new TypeError(`ScaledClock.setTimer: wake must be a function, got ${describe(wake)}`);
    }
    const entry = this.#queue.push(deadline, wake);
    if (deadline < this.#armedAt) this.#rearm();
    return entry;
  }

  /**
   * Cancels a wake-up; the clock drops its reference to `wake` at once. Clearing a
   * fired or cleared token (or `undefined`) does nothing.
   *
   * @throws {TypeError} if `token` did not come from this clock's `setTimer`.
   */
  clearTimer(token: unknown): void {
    if (token === undefined || token === null) return;
    if (!(token instanceof TimerEntry) || token.owner !== this.#queue) {
      throw new TypeError(
        `ScaledClock.clearTimer: token must come from this clock's setTimer, got ${describe(token)}`,
      );
    }
    const entry = token as TimerEntry<Wake>;
    // Re-arm (or disarm) so that a cancelled wake-up does not keep the host busy.
    if (this.#queue.cancel(entry) && entry.deadline === this.#armedAt) this.#rearm();
  }

  /**
   * Delegates to the base clock's `advanceIdle` when it has one (scaled to base
   * time); returns `false` over a clock that cannot move its own time.
   */
  advanceIdle(deadline: number, info: IdleInfo): boolean {
    const base = this.#base;
    if (base.advanceIdle === undefined) return false;
    const target = this.#toBase(deadline);
    if (target <= base.now()) return this.now() >= deadline;
    return base.advanceIdle(target, info) && this.now() >= deadline;
  }

  /** `<ScaledClock rate=100>` */
  toString(): string {
    return `<ScaledClock rate=${this.rate}>`;
  }

  #fromBase(b: number): number {
    return this.#start + (b - this.#baseStart) * this.rate;
  }

  // The smallest base time (up to rounding) whose scaled time is >= t.
  #toBase(t: number): number {
    let b = this.#baseStart + (t - this.#start) / this.rate;
    for (let i = 0; i < 8 && this.#fromBase(b) < t; i++) {
      b += Math.max(Math.abs(b), 1) * Number.EPSILON * 2 ** i;
    }
    return b;
  }

  // Arms the base clock for the earliest pending wake-up (or disarms it).
  #rearm(): void {
    const next = this.#queue.peek();
    const at = next === undefined ? Infinity : next.deadline;
    if (at === this.#armedAt) return;
    if (this.#armed !== undefined) {
      this.#base.clearTimer(this.#armed);
      this.#armed = undefined;
    }
    this.#armedAt = at;
    if (next !== undefined) this.#armed = this.#base.setTimer(this.#toBase(at), this.#onBaseWake);
  }

  // The base clock's wake-up: deliver every due wake-up in order, then re-arm.
  readonly #onBaseWake = (): void => {
    this.#armed = undefined;
    this.#armedAt = Infinity;
    const queue = this.#queue;
    let failed = false;
    let error: unknown;
    try {
      const now = this.now();
      for (;;) {
        const entry = queue.peek();
        if (entry === undefined || entry.deadline > now) break;
        queue.pop();
        const wake = entry.value!;
        entry.value = undefined;
        try {
          wake();
        } catch (e) {
          if (!failed) {
            failed = true;
            error = e;
          }
        }
      }
    } finally {
      this.#rearm();
    }
    if (failed) throw error;
  };
}
