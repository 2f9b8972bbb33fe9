/**
 * `@aio/timers/testing`: run coroutines on virtual time from a test suite.
 *
 * @module
 */

import { run, runSync } from '@aio/core';
import type { Coro, EventLoop, ExceptionContext, Instrument, RunOptions } from '@aio/core';
import { describe } from './describe';
import { UnhandledErrors } from './errors';
import { VirtualClock } from './virtualClock';
import type { VirtualClockOptions } from './virtualClock';

// Re-exported so that a test file needs one import.
export { RunawayLoopError, UnhandledErrors } from './errors';
export { VirtualClock } from './virtualClock';
export type { VirtualClockOptions } from './virtualClock';

/**
 * Options of {@link runVirtual} and {@link runVirtualSync}: a clock to use, or the
 * options of a new {@link VirtualClock}.
 *
 * @example
 * ```ts
 * const opts: RunVirtualOptions = { start: 0, stallLimit: 1_000_000 };
 * ```
 */
export interface RunVirtualOptions extends VirtualClockOptions {
  /** An existing clock (the other options are then ignored). Default: a new one. */
  clock?: VirtualClock;
  /** Runs the loop in debug mode. */
  debug?: boolean;
  /**
   * Reject (throw) with {@link UnhandledErrors} when errors nobody handled reached the
   * loop's exception handler during the run (a failed background task never awaited, a
   * callback that threw). Default `true`: a test must not pass while that happens. The
   * errors are printed by the default handler either way; a handler the program sets
   * itself takes over (and nothing is collected).
   */
  failOnUnhandled?: boolean;
}

/**
 * What {@link runVirtual} gives back.
 *
 * @example
 * ```ts
 * const { result, elapsed }: VirtualRun<string> = runVirtualSync(main());
 * ```
 */
export interface VirtualRun<T> {
  /** The coroutine's result. */
  readonly result: T;
  /** The virtual time the run took, in ms (cleanup of leftover tasks included). */
  readonly elapsed: number;
  /** The clock it ran on, for further inspection. */
  readonly clock: VirtualClock;
}

/**
 * Runs `main` with `run()` on a fresh loop with a {@link VirtualClock} and resolves
 * with its result and the virtual time it took. Rejects as `run()` does (with
 * `main`'s error, or a {@link RunawayLoopError} from the clock).
 *
 * @example
 * ```ts
 * import { sleep } from '@aio/core';
 * import { runVirtual } from '@aio/timers/testing';
 *
 * function* slowAnswer(): Coro<number> {
 *   yield* sleep(5000);
 *   return 42;
 * }
 * const { result, elapsed } = await runVirtual(slowAnswer()); // 42, 5000 — at once
 * ```
 */
export async function runVirtual<T>(
  main: Coro<T>,
  options: RunVirtualOptions = {},
): Promise<VirtualRun<T>> {
  const clock = clockFor(options, 'runVirtual');
  const t0 = clock.now();
  const unhandled = new Collector();
  const result = await run(main, runOptions(clock, options, unhandled));
  unhandled.check('runVirtual()', options);
  return { result, elapsed: clock.now() - t0, clock };
}

/**
 * The synchronous twin of {@link runVirtual}, built on `runSync()`: returns at once.
 * Throws as `runSync()` does, in particular when the program waits for the host
 * (a pending native Promise) or the clock has autojump off.
 *
 * @example
 * ```ts
 * const { result, elapsed } = runVirtualSync(slowAnswer()); // 42, 5000
 * ```
 */
export function runVirtualSync<T>(main: Coro<T>, options: RunVirtualOptions = {}): VirtualRun<T> {
  const clock = clockFor(options, 'runVirtualSync');
  const t0 = clock.now();
  const unhandled = new Collector();
  const result = runSync(main, runOptions(clock, options, unhandled));
  unhandled.check('runVirtualSync()', options);
  return { result, elapsed: clock.now() - t0, clock };
}

function runOptions(clock: VirtualClock, options: RunVirtualOptions, c: Collector): RunOptions {
  const opts: RunOptions = { clock, instruments: [c] };
  if (options.debug !== undefined) opts.debug = options.debug;
  return opts;
}

/**
 * Collects what reaches the loop's exception handler with an error, while the program
 * has not set a handler of its own (an instrument: it installs the handler when the
 * loop starts running).
 */
class Collector implements Instrument {
  readonly name = 'runVirtual: unhandled errors';
  readonly #found: ExceptionContext[] = [];

  beforeRun(loop: EventLoop): void {
    if (loop.getExceptionHandler() !== null) return;
    loop.setExceptionHandler((l, ctx) => {
      if ('exception' in ctx) this.#found.push(ctx);
      l.defaultExceptionHandler(ctx);
    });
  }

  check(fn: string, options: RunVirtualOptions): void {
    if (this.#found.length > 0 && options.failOnUnhandled !== false) {
      throw new UnhandledErrors(fn, this.#found);
    }
  }
}

function clockFor(options: RunVirtualOptions, fn: string): VirtualClock {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: options must be an object, got ${describe(options)}`);
  }
  const { clock } = options;
  if (clock === undefined) return new VirtualClock(options);
  if (!(clock instanceof VirtualClock)) {
    throw new TypeError(`${fn}: options.clock must be a VirtualClock, got ${describe(clock)}`);
  }
  return clock;
}
