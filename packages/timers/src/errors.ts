/**
 * The error classes of `@aio/timers`.
 *
 * @module
 */

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
