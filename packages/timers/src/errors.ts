/**
 * The error classes of `@aio/timers`.
 *
 * @module
 */

import type { ExceptionContext } from '@aio/core';

/**
 * A {@link VirtualClock} was read too many times at one virtual instant: the program
 * keeps the loop busy without ever letting virtual time move (a zero-delay timer
 * that reschedules itself, a task spinning on `sleep(0)` while others wait for
 * timers), which on a virtual clock would otherwise spin forever. Thrown from the
 * clock, it rejects `run()` (or throws from `runSync()`) instead of hanging.
 *
 * `instant` is the virtual time (ms) that got stuck, `limit` the configured
 * `stallLimit` that was exceeded.
 *
 * @example
 * ```ts
 * function* spin(): Coro<void> {
 *   const loop = getRunningLoop();
 *   const again = () => loop.callLater(0, again); // never lets time move
 *   again();
 *   yield* sleep(1000);
 * }
 * try {
 *   runSync(spin(), { clock: new VirtualClock({ stallLimit: 10_000 }) });
 * } catch (e) {
 *   if (e instanceof RunawayLoopError) console.log(e.instant, e.limit); // 0 10000
 * }
 * ```
 */
export class RunawayLoopError extends Error {
  /** The virtual time (ms) at which the clock was read too often. */
  readonly instant: number;
  /** The `stallLimit` that was exceeded. */
  readonly limit: number;

  constructor(instant: number, limit: number, options?: { cause?: unknown }) {
    super(
      `VirtualClock read more than ${limit} times at virtual time ${instant} ms: ` +
        'assuming a runaway loop (work that never lets time move, such as a zero-delay timer ' +
        'that keeps rescheduling itself). ' +
        'If this is legitimate, raise `stallLimit` in new VirtualClock({ stallLimit }).',
      options,
    );
    this.instant = instant;
    this.limit = limit;
  }
}
RunawayLoopError.prototype.name = 'RunawayLoopError';

/**
 * A run on virtual time (`runVirtual` / `runVirtualSync` of `@aio/timers/testing`)
 * finished, but errors reached its loop's exception handler that nobody handled: a
 * background task that failed and was never awaited ("Task exception was never
 * retrieved"), a callback that threw, a task that failed during `run()`'s shutdown. A
 * test must not pass while that happens, so the run rejects with this error (pass
 * `failOnUnhandled: false` to let it through).
 *
 * `errors` holds the exceptions, `contexts` what the exception handler received.
 *
 * @example
 * ```ts
 * function* main(): Coro<string> {
 *   createTask(failing()); // never awaited
 *   yield* sleep(10);
 *   return 'ok';
 * }
 * try {
 *   runVirtualSync(main());
 * } catch (e) {
 *   if (e instanceof UnhandledErrors) console.log(e.contexts[0]?.message);
 *   // Task exception was never retrieved
 * }
 * ```
 */
export class UnhandledErrors extends AggregateError {
  /** What the loop's exception handler received, one entry per error. */
  readonly contexts: readonly ExceptionContext[];

  constructor(fn: string, contexts: readonly ExceptionContext[]) {
    const n = contexts.length;
    const lines = contexts.map((c) => `  ${c.message}: ${describeError(c.exception)}`);
    super(
      contexts.map((c) => c.exception),
      `${fn}: ${n} error${n === 1 ? '' : 's'} that nobody handled reached the loop's exception ` +
        `handler (pass { failOnUnhandled: false } to allow them):\n${lines.join('\n')}`,
    );
    this.contexts = contexts;
  }
}
UnhandledErrors.prototype.name = 'UnhandledErrors';

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}(${JSON.stringify(e.message)})`;
  return String(e);
}
