/**
 * The one ambient slot of aio: the loop that is running a callback right now.
 * It is set while a loop runs its callbacks and cleared after.
 *
 * @module
 */

import type { EventLoop } from './eventLoop';

let running: EventLoop | null = null;

/** @internal The running loop or null. */
export function peekRunningLoop(): EventLoop | null {
  return running;
}

/** @internal Sets the slot and returns its previous value. */
export function swapRunningLoop(loop: EventLoop | null): EventLoop | null {
  const prev = running;
  running = loop;
  return prev;
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
  if (running === null) {
    throw new Error(
      'no running event loop: call this from a coroutine or callback run by an EventLoop ' +
        '(start one with run(main()) or loop.runUntilComplete())',
    );
  }
  return running;
}
