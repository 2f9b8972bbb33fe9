/**
 * `@aio/timers`: clocks for `@aio/core` event loops beyond the real one.
 *
 * - {@link VirtualClock}: time moves only when the loop is idle (it jumps straight
 *   to the next timer) or when a test moves it; programs run without waiting.
 * - {@link ScaledClock}: real time multiplied by a rate.
 *
 * The helpers for test suites (`runVirtual`, `runVirtualSync`) live behind the
 * `@aio/timers/testing` entry point.
 *
 * @module
 */

// Clocks
export { VirtualClock } from './virtualClock';
export type { VirtualClockOptions } from './virtualClock';
export { ScaledClock } from './scaledClock';
export type { ScaledClockOptions } from './scaledClock';

// Errors
export { RunawayLoopError, UnhandledErrors } from './errors';
