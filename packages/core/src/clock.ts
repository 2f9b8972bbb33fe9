/**
 * The clock seam between an {@link EventLoop} and time, and the real clock.
 *
 * This is the only module of `@aio/core` that touches the host's timers
 * (`setTimeout`, `setImmediate`, `MessageChannel`) and `performance.now()`.
 * Other clocks (virtual, scaled) live in `@aio/timers` and plug in through the
 * public `Clock` interface (types.ts) alone: the loop never checks what kind of clock
 * it has.
 *
 * @module
 */

import type { Clock } from './types';

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

/**
 * Calls `fn` each time the host has no work left — the moment before the process would
 * exit: Node's and Bun's `process` `'beforeExit'` event, Deno's `'beforeunload'` event
 * on `globalThis`. Returns a function that stops the calls, or `null` where the host has
 * no such signal (browsers: a page never exits on its own).
 *
 * @internal
 */
export function onHostIdle(fn: () => void): (() => void) | null {
  const g = globalThis as {
    process?: {
      on?: (event: string, fn: () => void) => unknown;
      off?: (event: string, fn: () => void) => unknown;
      removeListener?: (event: string, fn: () => void) => unknown;
    };
    addEventListener?: (event: string, fn: () => void) => void;
    removeEventListener?: (event: string, fn: () => void) => void;
    Deno?: unknown;
  };
  const proc = g.process;
  if (proc !== undefined && typeof proc.on === 'function') {
    const on = proc.on;
    const off = proc.off ?? proc.removeListener;
    on.call(proc, 'beforeExit', fn);
    return () => {
      off?.call(proc, 'beforeExit', fn);
    };
  }
  if (g.Deno !== undefined && typeof g.addEventListener === 'function') {
    const add = g.addEventListener;
    const remove = g.removeEventListener;
    add.call(g, 'beforeunload', fn);
    return () => {
      remove?.call(g, 'beforeunload', fn);
    };
  }
  return null;
}

/**
 * Calls `fn` on SIGINT (Ctrl-C), if the host has signals and nobody else listens for
 * SIGINT (Node and Bun: `process.on('SIGINT')` while `listenerCount('SIGINT')` is 0, as
 * CPython's `asyncio.Runner` installs its handler only over the default one). Returns a
 * function that removes the listener, or `null` when nothing was installed.
 *
 * @internal
 */
export function onInterrupt(fn: () => void): (() => void) | null {
  const proc = (
    globalThis as {
      process?: {
        on?: (event: string, fn: () => void) => unknown;
        off?: (event: string, fn: () => void) => unknown;
        listenerCount?: (event: string) => number;
      };
    }
  ).process;
  if (
    proc === undefined ||
    typeof proc.on !== 'function' ||
    typeof proc.off !== 'function' ||
    typeof proc.listenerCount !== 'function' ||
    proc.listenerCount('SIGINT') > 0
  ) {
    return null;
  }
  proc.on('SIGINT', fn);
  return () => {
    proc.off?.('SIGINT', fn);
  };
}

/**
 * Sends SIGINT to this process again, with no listener left: the host's default action
 * (a prompt exit) takes place. `false` where the host cannot.
 *
 * @internal
 */
export function reraiseInterrupt(): boolean {
  const proc = (
    globalThis as { process?: { pid?: number; kill?: (pid: number, sig: string) => unknown } }
  ).process;
  if (proc?.kill === undefined || proc.pid === undefined) return false;
  proc.kill(proc.pid, 'SIGINT');
  return true;
}

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
