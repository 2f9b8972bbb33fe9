/**
 * Helpers shared by core's unit tests.
 */
import type { Future } from '../src/public';
import { runSync } from '../src/runner';
import type { Coro } from '../src/types';
import { TestClock } from '@aio/test-utils';

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
