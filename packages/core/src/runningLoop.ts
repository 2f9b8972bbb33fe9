/**
 * The one ambient slot of aio: the loop that is running a callback right now.
 * It is set while a loop runs its callbacks and cleared after.
 *
 * @module
 */

import type { LoopInternals } from './events';
import type { EventLoop } from './types';

let running: LoopInternals | null = null;

/** @internal The running loop or null. */
export function peekRunningLoop(): LoopInternals | null {
  return running;
}

/** @internal Sets the slot and returns its previous value. */
export function swapRunningLoop(loop: LoopInternals | null): LoopInternals | null {
  const prev = running;
  running = loop;
  return prev;
}

/**
 * @internal The running loop with its internals (what {@link getRunningLoop} returns).
 * @throws Error when no loop is running.
 */
export function runningLoop(): LoopInternals {
  if (running === null) {
    throw new Error(
      'no running event loop: call this from a coroutine or callback run by an EventLoop ' +
        '(start one with run(main()) or loop.runUntilComplete())',
    );
  }
  return running;
}

/**
 * The loop running the current coroutine or callback.
 *
 * @throws Error when no loop is running (called from plain code, not from a
 * coroutine or callback run by a loop).
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const loop = getRunningLoop();
 *   console.log(loop.time());
 * }
 * ```
 */
export function getRunningLoop(): EventLoop {
  return runningLoop();
}
