/**
 * A clock whose time moves only when the loop has nothing to do, or when a test
 * moves it.
 *
 * @module
 */

import type { Clock, IdleInfo } from '@aio/core';
import { describe } from './describe';
import { RunawayLoopError } from './errors';
import { TimerEntry, TimerQueue } from './timerQueue';

/**
 * Options of {@link VirtualClock}.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock({ start: 1000, autojump: false, stallLimit: 100_000 });
 * const quiet = new VirtualClock({ holdWarningMs: Number.POSITIVE_INFINITY });
 * ```
 */
export interface VirtualClockOptions {
  /** The time `now()` returns before anything moves it, in ms. Default `0`. */
  start?: number;
  /**
   * Whether the clock jumps straight to the next timer when the loop is idle.
   * Default `true`. With `false`, time moves only through `advance` / `advanceTo`.
   */
  autojump?: boolean;
  /**
   * The runaway guard: how many times `now()` may be read at one virtual instant
   * before it throws {@link RunawayLoopError}. The loop reads the clock once per
   * iteration and once per `loop.time()` (so once per `sleep`/`callLater`), so the
   * default, 10 000 000, allows millions of timers to be created at one instant
   * while a program that spins without letting time move fails within seconds.
   * `Infinity` turns the guard off. (A loop with no timer pending at all does not
   * read the clock while it spins on bare yields: that program spins on the real
   * clock too, and the guard does not see it.)
   */
  stallLimit?: number;
  /**
   * How long, in real milliseconds, virtual time may be held still for pending wrapped
   * native promises while the loop runs before the clock warns (`console.warn`, once per
   * hold). Default `2000`; `Infinity` turns the warning off. A promise that depends on
   * the loop itself (`toPromise(task)`, an Observable of a task turned into a promise)
   * can only settle when virtual time moves; outside a plain script — in a test runner,
   * or beside an open server or interval — the host never runs out of work, so the
   * clock cannot tell that it should move on, and the run would hang without a word.
   */
  holdWarningMs?: number;
}

const DEFAULT_STALL_LIMIT = 10_000_000;
const DEFAULT_HOLD_WARNING_MS = 2000;
let holds = 0;

type Wake = () => void;

/**
 * A virtual clock for `@aio/core` event loops: programs run without waiting.
 *
 * - **Autojump** (the default): when the loop is idle and its earliest timer is
 *   in the future, time jumps straight to that timer and the loop goes on at once.
 *   The program prints the same lines and sees the same `loop.time()` differences
 *   as on the real clock, only instantly. `runSync` works with it.
 * - **A pending wrapped native Promise holds time still**: while the loop waits for
 *   a host operation (`wrapPromise`), the clock does not jump; the loop waits for
 *   the host as usual and time moves again once the promise has settled.
 * - **Manual stepping**: with `autojump: false` (or at any time), `advance(ms)` and
 *   `advanceTo(t)` move time, firing the wake-ups that fall due on the way, each at
 *   its own deadline, in deadline order (FIFO for equal deadlines).
 * - **Runaway guard**: a program that never lets time move (a zero-delay timer that
 *   reschedules itself forever) makes `now()` throw {@link RunawayLoopError} after
 *   `stallLimit` readings at one instant; the error rejects `run()`.
 *
 * A clock is a value: pass it to `run`, `runSync` or `new EventLoop`. Give each
 * loop its own clock, or share one between loops in manual mode only: with
 * autojump, each idle loop would jump without regard for the others' timers.
 *
 * @example
 * ```ts
 * import { run, sleep, getRunningLoop } from '@aio/core';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main(): Coro<number> {
 *   yield* sleep(60_000); // one virtual minute, no waiting
 *   return getRunningLoop().time();
 * }
 * await run(main(), { clock: new VirtualClock() }); // 60000, at once
 * ```
 */
export class VirtualClock implements Clock {
  #now: number;
  #autojump: boolean;
  readonly #limit: number;
  readonly #holdWarningMs: number;
  // The hold for host promises: its number (0: not holding), the real timer that warns.
  #hold = 0;
  #holdTimer: ReturnType<typeof setTimeout> | undefined;
  #reads = 0;
  #tripped = false;
  readonly #queue = new TimerQueue<Wake>();

  /**
   * @throws {RangeError} if `start` is not a finite number or `stallLimit` is not a
   *   positive number.
   * @throws {TypeError} if `options` is not an object.
   */
  constructor(options: VirtualClockOptions = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError(`VirtualClock: options must be an object, got ${describe(options)}`);
    }
    const {
      start = 0,
      autojump = true,
      stallLimit = DEFAULT_STALL_LIMIT,
      holdWarningMs = DEFAULT_HOLD_WARNING_MS,
    } = options;
    if (typeof start !== 'number' || !Number.isFinite(start)) {
      throw new RangeError(`VirtualClock: start must be a finite number, got ${describe(start)}`);
    }
    if (typeof stallLimit !== 'number' || !(stallLimit > 0)) {
      throw new RangeError(
        `VirtualClock: stallLimit must be a positive number, got ${describe(stallLimit)}`,
      );
    }
    if (typeof holdWarningMs !== 'number' || !(holdWarningMs >= 0)) {
      throw new RangeError(
        `VirtualClock: holdWarningMs must be a number >= 0 (or Infinity), got ${describe(holdWarningMs)}`,
      );
    }
    this.#now = start;
    this.#autojump = Boolean(autojump);
    this.#limit = stallLimit;
    this.#holdWarningMs = holdWarningMs;
  }

  /** Whether the clock jumps to the next timer when the loop is idle. Settable. */
  get autojump(): boolean {
    return this.#autojump;
  }

  set autojump(on: boolean) {
    this.#autojump = Boolean(on);
  }

  /** How many wake-ups are pending (armed with `setTimer`, not yet fired or cleared). */
  get pendingTimers(): number {
    return this.#queue.size;
  }

  /**
   * The current virtual time in ms.
   *
   * @throws {RunawayLoopError} when read more than `stallLimit` times at one instant.
   */
  now(): number {
    if (++this.#reads > this.#limit || this.#tripped) this.#stalled();
    return this.#now;
  }

  /**
   * Arranges for `wake()` once virtual time reaches `deadline`: when the clock
   * jumps or is advanced there. Never calls `wake` synchronously here.
   *
   * @throws {TypeError} if `deadline` is not a number or `wake` not a function.
   */
  setTimer(deadline: number, wake: () => void): unknown {
    if (typeof deadline !== 'number' || Number.isNaN(deadline)) {
      throw new TypeError(
        `VirtualClock.setTimer: deadline must be a number, got ${describe(deadline)}`,
      );
    }
    if (typeof wake !== 'function') {
      throw new TypeError(`VirtualClock.setTimer: wake must be a function, got ${describe(wake)}`);
    }
    return this.#queue.push(deadline, wake);
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
        `VirtualClock.clearTimer: token must come from this clock's setTimer, got ${describe(token)}`,
      );
    }
    this.#queue.cancel(token as TimerEntry<Wake>);
  }

  /**
   * Called by an idle loop: with autojump on, moves time to `deadline` and returns
   * `true`, unless a host operation (a wrapped native promise) is pending while the
   * host still has work — that promise may settle first, so time holds still for it.
   * Once the host has no work left (`info.hostIdle`), such a promise can only settle
   * through the loop's own progress, so time moves on. Otherwise returns `false`.
   * Wake-ups of other consumers that fall due are delivered from a microtask, never
   * from here.
   */
  advanceIdle(deadline: number, info: IdleInfo): boolean {
    if (!this.#autojump) return false;
    if (info.hostPending > 0 && !info.hostIdle) {
      this.#holding(info);
      return false;
    }
    this.#endHold();
    if (deadline > this.#now) this.#moveTo(deadline);
    this.#deliverDueLater();
    return true;
  }

  /** Time is held for host promises: warn if it still is after `holdWarningMs`. */
  #holding(info: IdleInfo): void {
    if (this.#hold !== 0 || this.#holdWarningMs === Number.POSITIVE_INFINITY) return;
    const hold = ++holds;
    this.#hold = hold;
    const heldAt = this.#now;
    const { loop } = info;
    const started = Date.now();
    this.#holdTimer = setTimeout(() => {
      this.#holdTimer = undefined;
      if (this.#hold !== hold || this.#now !== heldAt || !loop.isRunning()) return;
      const n = info.hostPending;
      const real = ((Date.now() - started) / 1000).toFixed(1);
      console.warn(
        `VirtualClock: virtual time has been held at ${heldAt} ms for ${real} s of real time, ` +
          `waiting for ${n} pending wrapped native promise${n === 1 ? '' : 's'} (wrapPromise). ` +
          'A promise that depends on this loop itself (toPromise(task), an Observable of a task ' +
          'turned into a promise) can only settle once virtual time moves, and the host has other ' +
          'work (a test runner, an open server or interval), so the clock cannot tell: await the ' +
          'task itself (yield* task) or read the Observable with fromObservable/observe instead. ' +
          '(holdWarningMs: Infinity turns this warning off.)',
      );
    }, this.#holdWarningMs);
    // Never keep a process alive for a warning (Node's timers have unref; browsers' do not).
    (this.#holdTimer as { unref?: () => void }).unref?.();
  }

  #endHold(): void {
    if (this.#hold === 0) return;
    this.#hold = 0;
    if (this.#holdTimer !== undefined) clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
  }

  /**
   * Moves time forward by `ms`, firing the wake-ups due on the way.
   * See {@link VirtualClock.advanceTo}.
   *
   * @throws {RangeError} if `ms` is negative or not finite.
   * @example
   * ```ts
   * const clock = new VirtualClock({ autojump: false });
   * const done = run(main(), { clock }); // main sleeps 1000 ms
   * clock.advance(999); // not yet
   * clock.advance(1);   // the loop wakes and main finishes
   * await done;
   * ```
   */
  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        `VirtualClock.advance: ms must be a finite number >= 0, got ${describe(ms)}`,
      );
    }
    this.advanceTo(this.#now + ms);
  }

  /**
   * Moves time forward to `t`. Each wake-up due by then is fired synchronously, in
   * deadline order (FIFO for equal deadlines), with `now()` set to its own deadline,
   * so a loop it wakes runs its timers at their own times; wake-ups armed meanwhile
   * that fall due by `t` fire too. Then time is set to `t`. An error thrown by a
   * wake-up propagates; the wake-ups after it stay pending.
   *
   * @throws {RangeError} if `t` is not finite or is earlier than `now()`.
   * @throws {RunawayLoopError} if wake-ups keep re-arming at one instant.
   * @example
   * ```ts
   * clock.advanceTo(clock.nextDeadline() ?? clock.now()); // step to the next timer
   * ```
   */
  advanceTo(t: number): void {
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new RangeError(`VirtualClock.advanceTo: t must be a finite number, got ${describe(t)}`);
    }
    if (t < this.#now) {
      throw new RangeError(
        `VirtualClock.advanceTo: t (${t}) is earlier than the current time (${this.#now}); ` +
          'virtual time never goes back',
      );
    }
    const queue = this.#queue;
    for (;;) {
      const entry = queue.peek();
      if (entry === undefined || entry.deadline > t) break;
      queue.pop();
      if (entry.deadline > this.#now) this.#moveTo(entry.deadline);
      else if (++this.#reads > this.#limit) this.#stalled();
      const wake = entry.value!;
      entry.value = undefined;
      wake();
    }
    if (t > this.#now) this.#moveTo(t);
  }

  /** The deadline of the earliest pending wake-up, or `undefined` when none. */
  nextDeadline(): number | undefined {
    return this.#queue.peek()?.deadline;
  }

  /** `<VirtualClock now=1000 autojump pending=1>` */
  toString(): string {
    const mode = this.#autojump ? 'autojump' : 'manual';
    return `<VirtualClock now=${this.#now} ${mode} pending=${this.#queue.size}>`;
  }

  #moveTo(t: number): void {
    this.#endHold();
    this.#now = t;
    this.#reads = 0;
    this.#tripped = false;
  }

  // Once tripped, every reading throws until the host gets a turn. The reading that
  // trips the guard may come from user code inside a callback (`callLater` reads the
  // clock), whose error the loop hands to its exception handler and goes on; the
  // loop's own next reading, in the same synchronous run, then throws out of the
  // loop. A microtask later (after `run()` has seen the error) the budget is fresh,
  // so the cleanup of `run()` can read the clock.
  #stalled(): never {
    if (!this.#tripped) {
      this.#tripped = true;
      void Promise.resolve().then(() => {
        this.#tripped = false;
        this.#reads = 0;
      });
    }
    throw new RunawayLoopError(this.#now, this.#limit);
  }

  // After a jump, wake-ups armed by other consumers (other loops sharing this clock,
  // or a stale token of this loop) may be due; they are fired from a microtask.
  #deliverDueLater(): void {
    const queue = this.#queue;
    const first = queue.peek();
    if (first === undefined || first.deadline > this.#now) return;
    void Promise.resolve().then(() => {
      for (;;) {
        const entry = queue.peek();
        if (entry === undefined || entry.deadline > this.#now) return;
        queue.pop();
        const wake = entry.value!;
        entry.value = undefined;
        wake();
      }
    });
  }
}
