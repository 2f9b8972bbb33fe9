/**
 * Looking up the running loop and the current task without throwing.
 *
 * @module
 */

import { currentTask, type EventLoop, getRunningLoop, type Task } from '@aio/core';

/**
 * The running loop, or `undefined` outside one (core's `getRunningLoop` throws).
 *
 * @internal
 */
export function runningLoop(): EventLoop | undefined {
  try {
    return getRunningLoop();
  } catch {
    return undefined;
  }
}

/**
 * The task running now, or `undefined` outside a task or outside a running loop.
 *
 * @internal
 */
export function runningTask(): Task<unknown> | undefined {
  return runningLoop() === undefined ? undefined : currentTask();
}
