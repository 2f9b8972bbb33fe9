/**
 * Walks over core's description of waits (`describeWait`, `getAwaitedBy`): the tasks
 * that await a future through the futures in between, and a task's wait chain. Every
 * tool of the package describes waits through these, never on its own.
 *
 * @internal
 * @module
 */

import { describeWait, type Future, getAwaitedBy, Task, type WaitInfo } from '@aio/core';
import { idOf } from './records';

/** @internal Whether `f` is an aio Task. */
export function isTask(f: unknown): f is Task<unknown> {
  return f instanceof Task;
}

/**
 * The tasks that await `fut`: directly, or through futures that await it (a gather, a
 * shield, a task group's future…), each once, in the order found.
 *
 * @internal
 */
export function awaitingTasks(fut: Future<unknown>): Task<unknown>[] {
  const out: Task<unknown>[] = [];
  const seen = new Set<Future<unknown>>([fut]);
  const queue: Future<unknown>[] = [fut];
  for (let i = 0; i < queue.length; i++) {
    for (const w of getAwaitedBy(queue[i] as Future<unknown>)) {
      if (seen.has(w)) continue;
      seen.add(w);
      if (isTask(w)) out.push(w);
      else queue.push(w);
    }
  }
  return out;
}

/** @internal One link of a wait chain: a task and what it waits on. */
export interface ChainLink {
  readonly task: Task<unknown>;
  readonly wait: WaitInfo;
}

/** @internal A wait chain: each task waits on something blocked by the next one. */
export interface WaitChain {
  readonly links: readonly ChainLink[];
  /** The last task waits on one already in the chain (a deadlock). */
  readonly cycle: Task<unknown> | undefined;
  /**
   * The last task waits on something held by a task that is done (a lock it never
   * released…): nothing will ever wake it.
   */
  readonly finished: Task<unknown> | undefined;
}

/**
 * The wait chain from `task`: what it waits on, the task that blocks that (the first
 * pending blocker: the awaited task, the lock's holder…), what that one waits on, and so
 * on, until a task blocked by no task, or a task already in the chain.
 *
 * @internal
 */
export function waitChain(task: Task<unknown>): WaitChain {
  const links: ChainLink[] = [];
  const seen = new Set<Task<unknown>>();
  let t: Task<unknown> | undefined = task;
  while (t !== undefined) {
    seen.add(t);
    const wait = describeWait(t);
    links.push({ task: t, wait });
    const next: Task<unknown> | undefined = wait.blockers.find((b) => !b.done());
    if (next !== undefined && seen.has(next)) return { links, cycle: next, finished: undefined };
    if (next === undefined && wait.blockers.length > 0) {
      return { links, cycle: undefined, finished: wait.blockers[0] };
    }
    t = next;
  }
  return { links, cycle: undefined, finished: undefined };
}

/** @internal `'name' #id`, how reports name a task. */
export function taskLabel(task: Task<unknown>): string {
  return `'${task.getName()}' #${idOf(task)}`;
}

/**
 * @internal A wait chain in one line:
 * `'reader' #3 waits on Lock held by 'writer' → 'writer' #2 waits on sleep until 1500`.
 */
export function formatChain(chain: WaitChain): string {
  const parts = chain.links.map(({ task, wait }) => {
    const more = wait.blockers.filter((b) => !b.done()).length - 1;
    return `${taskLabel(task)} waits on ${wait.text}${more > 0 ? ` (and ${more} more)` : ''}`;
  });
  if (chain.cycle !== undefined) parts.push(`${taskLabel(chain.cycle)} (a wait cycle)`);
  if (chain.finished !== undefined) {
    parts.push(`${taskLabel(chain.finished)} is done: it will never let go`);
  }
  return parts.join(' → ');
}
