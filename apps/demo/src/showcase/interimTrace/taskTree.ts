/**
 * INTERIM (until `@aio/trace` exports `formatTaskTree`): the pending tasks of a loop
 * as a tree from the roots down, each with what it waits on — built only from core's
 * public diagnostics (`allTasks`, `describeWait`, `getAwaitedBy`, `findWaitCycles`).
 *
 * @module
 */

import {
  allTasks,
  describeWait,
  type EventLoop,
  findWaitCycles,
  getAwaitedBy,
  type Task,
} from '@aio/core';

/**
 * The pending tasks of `loop` (default: the running loop) as a tree: a task's
 * children are the tasks it awaits (directly, through a gather or as a task group's
 * owner); the roots are the tasks nobody awaits. Wait cycles are listed at the end.
 *
 * @example
 * ```ts
 * console.log(interimTaskTree());
 * // └── main — task group of 7 (7 pending)
 * //     ├── worker-1 — task 'GET /page/3 #1'
 * ```
 */
export function interimTaskTree(loop?: EventLoop): string {
  const tasks = [...allTasks(loop)];
  const pending = new Set<Task<unknown>>(tasks);
  const children = new Map<Task<unknown>, Task<unknown>[]>();
  const awaited = new Set<Task<unknown>>();
  for (const t of tasks) {
    for (const w of getAwaitedBy(t)) {
      const parent = w as Task<unknown>;
      if (!pending.has(parent) || parent === t) continue;
      awaited.add(t);
      const list = children.get(parent);
      if (list === undefined) children.set(parent, [t]);
      else list.push(t);
    }
  }
  const lines: string[] = [];
  const shown = new Set<Task<unknown>>();
  const draw = (roots: Task<unknown>[]): void => {
    // Depth-first with an explicit stack: [task, prefix of its line, prefix of its children].
    const stack: Array<[Task<unknown>, string, string]> = [];
    const push = (list: Task<unknown>[], indent: string): void => {
      for (let i = list.length - 1; i >= 0; i--) {
        const last = i === list.length - 1;
        stack.push([
          list[i]!,
          `${indent}${last ? '└── ' : '├── '}`,
          `${indent}${last ? '    ' : '│   '}`,
        ]);
      }
    };
    push(roots, '');
    while (stack.length > 0) {
      const [task, head, indent] = stack.pop()!;
      if (shown.has(task)) {
        lines.push(`${head}${task.getName()} (shown above)`);
        continue;
      }
      shown.add(task);
      lines.push(`${head}${task.getName()} — ${describeWait(task).text}`);
      push(children.get(task) ?? [], indent);
    }
  };
  draw(tasks.filter((t) => !awaited.has(t)));
  // Tasks that only await each other (a cycle) have no root: start from the first one.
  for (const t of tasks) if (!shown.has(t)) draw([t]);
  for (const cycle of findWaitCycles(tasks)) {
    const names = cycle.map((t) => t.getName());
    lines.push(`cycle: ${[...names, names[0]].join(' → ')}`);
  }
  return lines.join('\n');
}
