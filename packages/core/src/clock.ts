/**
 * The clock seam between an {@link EventLoop} and time, and the real clock.
 *
 * This is the only module of `@aio/core` that touches the host's timers
 * (`setTimeout`, `setImmediate`, `MessageChannel`) and `performance.now()`.
 * Other clocks (virtual, scaled) live in `@aio/timers` and plug in through the
 * public {@link Clock} interface alone: the loop never checks what kind of clock
 * it has.
 *
 * @module
 */

import type { EventLoop } from './eventLoop';

/**
 * What a loop tells its clock when it has nothing ready to run.
 *
 * @example
 * ```ts
 * const idle: IdleInfo = { hostPending: 0, loop };
 * ```
 */
export interface IdleInfo {
  /**
   * How many host operations the loop is waiting for (pending native Promises
   * wrapped by `wrapPromise`). They wake the loop themselves when they settle.
   */
  readonly hostPending: number;
  /** The loop that is idle. */
  readonly loop: EventLoop;
}

/**
 * The time source and wake-up service of an {@link EventLoop}.
 *
 * A loop reads `now()` once per iteration and for `loop.time()`. When it has
 * nothing ready to run it first offers the clock the chance to move time itself
 * (`advanceIdle`, optional: a virtual clock jumps straight to the next timer);
 * if the clock declines, the loop asks to be woken at its earliest deadline
 * (`setTimer`) and returns control to the host.
 *
 * Contract:
 * - `now()` is monotonic (never decreases) and in milliseconds.
 * - `setTimer(deadline, wake)` calls `wake()` once, from the host, at or after the
 *   moment `now() >= deadline` — never synchronously inside `setTimer`. A wake that
 *   comes early is harmless: the loop re-arms.
 * - `clearTimer(token)` cancels a pending wake; clearing a fired or cleared token
 *   is a no-op.
 * - `advanceIdle(deadline, info)`, when present, either moves `now()` to at least
 *   `deadline` synchronously and returns `true`, or changes nothing and returns
 *   `false`. It is only called with a finite `deadline` greater than `now()`.
 *
 * @example
 * ```ts
 * // A clock that runs 10× faster than real time:
 * const fast: Clock = {
 *   now: () => realClock.now() * 10,
 *   setTimer: (deadline, wake) => realClock.setTimer(deadline / 10, wake),
 *   clearTimer: (token) => realClock.clearTimer(token),
 * };
 * await run(main(), { clock: fast });
 * ```
 */
export interface Clock {
  /** The current time in milliseconds. Monotonic. */
  now(): number;
  /**
   * Arranges for `wake()` to be called from the host once `now() >= deadline`.
   * Returns a token for {@link Clock.clearTimer}.
   */
  setTimer(deadline: number, wake: () => void): unknown;
  /** Cancels a wake-up arranged by {@link Clock.setTimer}. */
  clearTimer(token: unknown): void;
  /**
   * Optional: lets a clock that can move its own time (a virtual clock) jump to
   * `deadline` while the loop is idle. Returns `true` when `now()` has reached
   * `deadline`, so the loop goes on at once without returning to the host.
   */
  advanceIdle?(deadline: number, info: IdleInfo): boolean;
}

// The largest delay host timers accept (2^31 - 1 ms); longer waits re-arm.
const MAX_HOST_DELAY = 2_147_483_647;

const perf: { now(): number } | undefined = (globalThis as { performance?: { now(): number } })
  .performance;

/**
 * The host's monotonic time in milliseconds (`performance.now()`, or `Date.now()`
 * where there is no `performance`). Used by the loop for its time slices, which
 * are about the host, not about the loop's clock.
 *
 * @internal
 */
export const hostNow: () => number =
  perf !== undefined && typeof perf.now === 'function' ? () => perf.now() : () => Date.now();

interface RealTimer {
  id: ReturnType<typeof setTimeout> | undefined;
  deadline: number;
  wake: () => void;
}

function arm(timer: RealTimer): void {
  const delay = Math.min(Math.max(1, Math.ceil(timer.deadline - hostNow())), MAX_HOST_DELAY);
  timer.id = setTimeout(() => {
    if (hostNow() < timer.deadline) {
      arm(timer); // early: wait for the rest
      return;
    }
    timer.id = undefined;
    timer.wake();
  }, delay);
}

/**
 * The real clock: `performance.now()` and the host's `setTimeout`.
 * It is the default clock of every {@link EventLoop}.
 *
 * @example
 * ```ts
 * const loop = new EventLoop({ clock: new RealClock() }); // same as new EventLoop()
 * loop.time(); // milliseconds since the page or process started
 * ```
 */
export class RealClock implements Clock {
  /** The current time in milliseconds (`performance.now()`). */
  now(): number {
    return hostNow();
  }

  /**
   * Wakes the loop with the host's `setTimeout` once `deadline` is reached.
   * Host timers count whole milliseconds on their own clock and can fire a
   * fraction of a millisecond early; an early wake re-arms for the rest, so
   * `wake()` never runs before `now() >= deadline`.
   */
  setTimer(deadline: number, wake: () => void): unknown {
    const timer: RealTimer = { id: undefined, deadline, wake };
    arm(timer);
    return timer;
  }

  /** Cancels a wake-up. */
  clearTimer(token: unknown): void {
    const timer = token as RealTimer | undefined;
    if (timer?.id !== undefined) {
      clearTimeout(timer.id);
      timer.id = undefined;
    }
  }

  /** `<RealClock>` */
  toString(): string {
    return '<RealClock>';
  }
}

/** The clock shared by every loop created without one. @internal */
export const realClock: Clock = new RealClock();

type Macrotask = (fn: () => void) => void;

/**
 * Runs `fn` in a later host task (not a microtask), so that host timers, I/O and
 * rendering get their turn. Node and Bun: `setImmediate`; browsers and Deno:
 * a `MessageChannel`; elsewhere `setTimeout(fn, 0)`.
 *
 * @internal
 */
export const scheduleMacrotask: Macrotask = (() => {
  const g = globalThis as {
    setImmediate?: (fn: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: ((ev: unknown) => void) | null };
      port2: { postMessage(msg: unknown): void };
    };
  };
  if (typeof g.setImmediate === 'function') {
    const si = g.setImmediate;
    return (fn: () => void) => {
      si(fn);
    };
  }
  if (typeof g.MessageChannel === 'function') {
    // One channel, a FIFO of pending functions: one message per call.
    const channel = new g.MessageChannel();
    const pending: Array<() => void> = [];
    let head = 0;
    channel.port1.onmessage = () => {
      const fn = pending[head];
      pending[head++] = undefined as unknown as () => void;
      if (head === pending.length) {
        pending.length = 0;
        head = 0;
      }
      fn?.();
    };
    return (fn: () => void) => {
      pending.push(fn);
      channel.port2.postMessage(0);
    };
  }
  return (fn: () => void) => {
    setTimeout(fn, 0);
  };
})();
