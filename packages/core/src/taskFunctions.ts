/**
 * The task-level functions that use the running loop: `createTask`,
 * `currentTask`, `allTasks`, and the eager task factory.
 *
 * @module
 */

import { loopInternals } from './events';
import { runningLoop } from './runningLoop';
import { Task, pendingTasks } from './task';
import type { Coro, EventLoop, TaskFactory, TaskOptions } from './types';
import type * as api from './types';

/**
 * Wraps `coro` in a task on the running loop; its first step runs in the next
 * iteration (or now, with `eagerStart`).
 *
 * @throws TypeError if `coro` is not a coroutine (pass `main()`, not `main`);
 * Error outside a running loop.
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const t1 = createTask(sayAfter(1000, 'hello'));
 *   const t2 = createTask(sayAfter(2000, 'world'));
 *   yield* t1;
 *   yield* t2; // two seconds in all, not three
 * }
 * ```
 */
export function createTask<T>(coro: Coro<T>, opts?: TaskOptions): api.Task<T> {
  return runningLoop().createTask(coro, opts);
}

/**
 * The task running now on `loop` (default: the running loop), or `undefined`
 * outside a task.
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   console.log(currentTask()?.getName()); // 'Task-1'
 * }
 * ```
 */
export function currentTask(loop?: EventLoop): api.Task<unknown> | undefined {
  const l = loop === undefined ? runningLoop() : loopInternals(loop, 'currentTask()');
  return l._currentTask ?? undefined;
}

/**
 * The pending tasks of `loop` (default: the running loop), as a new `Set`.
 *
 * @example
 * ```ts
 * for (const t of allTasks()) if (t !== currentTask()) t.cancel();
 * ```
 */
export function allTasks(loop?: EventLoop): Set<api.Task<unknown>> {
  return new Set(
    pendingTasks(loop === undefined ? runningLoop() : loopInternals(loop, 'allTasks()')),
  );
}

/**
 * A task factory whose tasks start eagerly: the first step runs synchronously
 * in `createTask` (when the loop is running), so a coroutine that finishes
 * without suspending never touches the scheduler.
 *
 * @example
 * ```ts
 * getRunningLoop().setTaskFactory(eagerTaskFactory);
 * ```
 */
export const eagerTaskFactory: TaskFactory = <T>(
  loop: EventLoop,
  coro: Coro<T>,
  opts?: TaskOptions,
): api.Task<T> => new Task<T>(coro, { ...opts, loop, eagerStart: true });
