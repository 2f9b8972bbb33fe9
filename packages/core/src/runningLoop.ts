/**
 * The one ambient slot of aio: the loop that is running a callback right now.
 * It is set while a loop runs its callbacks and cleared after.
 *
 * @module
 */

import type { LoopInternals } from './events';
import type { EventLoop } from './types';

let running: LoopInternals | null = null;
// Every loop inside runUntilComplete / runForever / runSync, in the order they started.
const active = new Set<LoopInternals>();

/** @internal A loop starts (`true`) or stops (`false`) running. */
export function markRunning(loop: LoopInternals, on: boolean): void {
  if (on) active.add(loop);
  else active.delete(loop);
}

/**
 * Every loop that is running now (inside `runUntilComplete`, `runForever` or
 * `runSync`), oldest first: for diagnostics that start outside any loop, such as a
 * signal handler that prints every loop's tasks. A loop waiting for the host (a timer,
 * a promise) is running too.
 *
 * @example
 * ```ts
 * process.on('SIGUSR2', () => {
 *   for (const loop of getRunningLoops()) console.error(allTasks(loop).size, 'tasks');
 * });
 * ```
 */
export function getRunningLoops(): EventLoop[] {
  return [...active];
}

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
