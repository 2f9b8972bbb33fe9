/**
 * Helpers shared by core's unit tests.
 */
import { TestClock } from '@aio/test-utils';
import { onTestFinished } from 'vitest';
import { EventLoop, type Future } from '../src/public';
import { runSync } from '../src/runner';
import type { Clock, Coro } from '../src/types';

/** Runs `main()` to completion on a fresh loop with a virtual TestClock. */
export function go<T>(main: () => Coro<T>, clock = new TestClock()): T {
  return runSync(main(), { clock });
}

/** Awaits `aw` and evaluates to the error it throws (fails if it does not throw). */
export function* errorOf(aw: Coro<unknown> | Future<unknown>): Coro<unknown> {
  try {
    yield* aw;
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/**
 * A new loop on a virtual TestClock (or `clock`), in debug mode if asked; closed when the
 * current test finishes, unless it is still running. Call it inside a test.
 */
export function newLoop(opts: { debug?: boolean; clock?: Clock } = {}): EventLoop {
  return closeAfterTest(new EventLoop({ clock: opts.clock ?? new TestClock(), debug: opts.debug }));
}

/** Closes `loop` when the current test finishes, unless it is still running. */
export function closeAfterTest<L extends EventLoop>(loop: L): L {
  onTestFinished(() => {
    if (!loop.isRunning() && !loop.isClosed()) loop.close();
  });
  return loop;
}

/** Gives up control `n` times: `n` iterations of the loop. */
export function* ticks(n = 1): Coro<void> {
  for (let i = 0; i < n; i++) yield;
}
