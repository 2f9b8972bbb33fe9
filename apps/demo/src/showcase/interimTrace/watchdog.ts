/**
 * INTERIM (until `@aio/trace` exports `watchTasks`): a watchdog for blocked tasks,
 * built on core's `Instrument` hooks and public diagnostics only.
 *
 * When a task's step ends and the task is still pending, it is blocked from that
 * loop time on; a loop timer fires `blockedMs` later, and if the task has not run
 * since, it is reported once, with what it waits on and its wait chain (who awaits
 * it, up to a root). Times are loop time, so it works on a `VirtualClock`.
 *
 * Only blocked tasks are reported; `@aio/trace`'s watchdog also reports swallowed
 * cancellations and slow steps.
 *
 * @module
 */

import {
  describeWait,
  type EventLoop,
  getAwaitedBy,
  getRunningLoop,
  type Instrument,
  type Task,
  type TimerHandle,
} from '@aio/core';

/** A blocked task, as the watchdog reports it. */
export interface BlockedReport {
  readonly task: Task<unknown>;
  /** How long it has been blocked, in loop ms. */
  readonly blockedMs: number;
  /** What it waits on: `a wrapped native promise`, `sleep until 340`… */
  readonly waitingOn: string;
  /** From a root task down to it: `['main', 'worker-2', 'GET /never #1']`. */
  readonly chain: readonly string[];
}

/**
 * Starts watching the tasks of `loop` (default: the running loop). Returns `stop()`.
 *
 * @throws RangeError if `blockedMs` is not a positive number.
 * @example
 * ```ts
 * const stop = interimWatchTasks({ blockedMs: 500, onReport: (r) => console.log(r.chain) });
 * ```
 */
export function interimWatchTasks(
  opts: { blockedMs: number; onReport: (r: BlockedReport) => void },
  loop: EventLoop = getRunningLoop(),
): () => void {
  const { blockedMs, onReport } = opts;
  if (!(typeof blockedMs === 'number' && blockedMs > 0)) {
    throw new RangeError(
      `interimWatchTasks(): blockedMs must be a positive number, got ${String(blockedMs)}`,
    );
  }
  const timers = new Map<Task<unknown>, TimerHandle>();
  const unwatch = (task: Task<unknown>): void => {
    timers.get(task)?.cancel();
    timers.delete(task);
  };
  const check = (task: Task<unknown>): void => {
    timers.delete(task);
    if (task.done()) return;
    onReport({ task, blockedMs, waitingOn: describeWait(task).text, chain: chainOf(task) });
  };
  const instrument: Instrument = {
    beforeTaskStep: unwatch,
    taskDone: unwatch,
    afterTaskStep(task) {
      if (!task.done()) timers.set(task, loop.callLater(blockedMs, check, task));
    },
  };
  loop.addInstrument(instrument);
  return () => {
    loop.removeInstrument(instrument);
    for (const t of timers.values()) t.cancel();
    timers.clear();
  };
}

/** The names from a root down to `task`, following the first awaiter of each. */
function chainOf(task: Task<unknown>): string[] {
  const chain = [task.getName()];
  const seen = new Set<unknown>([task]);
  let cur: unknown = task;
  for (;;) {
    const up = getAwaitedBy(cur as Task<unknown>).find((f) => !seen.has(f));
    if (up === undefined) break;
    seen.add(up);
    const name = (up as Partial<Task<unknown>>).getName?.();
    chain.unshift(name ?? String(up));
    cur = up;
  }
  return chain;
}
