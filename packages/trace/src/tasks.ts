/**
 * Task dumps: `python -m asyncio ps` and `pstree` for aio, from inside the program.
 * Every pending task with what it waits on (core's `describeWait`, the description that
 * `DeadlockError` uses too), who awaits it, who created it, its age and its steps; and the
 * tree of awaits from the tasks nothing awaits down, with wait cycles printed as
 * `cycle: a → b → a`.
 *
 * @module
 */

import {
  allTasks,
  describeWait,
  type EventLoop,
  findWaitCycles,
  type Task,
  type WaitKind,
} from '@aio/core';
import { idOf, peekRecord, refOf, type TaskRef } from './records';
import { loopOf, trackerOf } from './tracker';
import { awaitingTasks } from './waits';

/**
 * What a pending task is doing: running its step now, ready to run in this iteration,
 * or waiting on something.
 *
 * @example
 * ```ts
 * import type { TaskState } from '@aio/trace';
 *
 * const s: TaskState = 'waiting';
 * console.log(s); // → waiting
 * ```
 */
export type TaskState = 'running' | 'ready' | 'waiting';

/**
 * One row of {@link dumpTasks}: plain data (ids and names, no live objects), ready for
 * `JSON.stringify`.
 *
 * @example
 * ```ts
 * import { createTask, run, sleep } from '@aio/core';
 * import { dumpTasks, type TaskInfo } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   createTask(sleep(300), { name: 'timer' });
 *   yield* sleep(1);
 *   const row: TaskInfo | undefined = dumpTasks().find((t) => t.name === 'timer');
 *   console.log(row?.state, row?.waitingOn); // → waiting sleep until 300
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export interface TaskInfo {
  /** The task's id (see {@link futureId}). */
  readonly id: number;
  /** Its name. */
  readonly name: string;
  /** Running, ready, or waiting. */
  readonly state: TaskState;
  /** Pending cancellation requests (`task.cancelling()`). */
  readonly cancelling: number;
  /** What it waits on, as core describes it (`Lock held by 'writer'`), or its state. */
  readonly waitingOn: string;
  /** The kind of that wait. */
  readonly waitKind: WaitKind;
  /** The tasks that await it (through a gather, a shield, a task group… included). */
  readonly awaitedBy: readonly TaskRef[];
  /** The task that created it; `null`: created outside any task; `undefined`: unknown. */
  readonly parent: TaskRef | null | undefined;
  /** Loop time at creation; `undefined` if created before the tracker was installed. */
  readonly createdAt: number | undefined;
  /** Steps run so far; `undefined` if created before the tracker was installed. */
  readonly steps: number | undefined;
  /** Where it was created (debug mode, tracker installed before). */
  readonly createdWhere: string | undefined;
}

function stateOf(kind: WaitKind): TaskState {
  return kind === 'running' ? 'running' : kind === 'ready' ? 'ready' : 'waiting';
}

/**
 * Every pending task of `loop` (default: the running loop), in creation order, with
 * what it waits on, who awaits it, its creator, creation time and steps. The first call
 * for a loop installs its tracker ({@link trackTasks}): creators, times and steps of
 * tasks created before are unknown.
 *
 * @throws Error when `loop` is omitted and none is running; TypeError if `loop` is not
 * an event loop.
 * @example
 * ```ts
 * import { createTask, currentTask, Lock, run, sleep } from '@aio/core';
 * import { dumpTasks, trackTasks } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * const lock = new Lock();
 * function* hold() {
 *   yield* lock.acquire();
 *   yield* sleep(1000);
 *   lock.release();
 * }
 * function* main() {
 *   currentTask()?.setName('main');
 *   const writer = createTask(hold(), { name: 'writer' });
 *   const reader = createTask(hold(), { name: 'reader' });
 *   yield* sleep(10);
 *   for (const t of dumpTasks()) console.log(t.id, t.name, t.state, t.waitingOn);
 *   // → 1 main running running
 *   // → 2 writer waiting sleep until 1000
 *   // → 3 reader waiting Lock held by 'writer'
 *   yield* writer;
 *   yield* reader;
 * }
 * await run(main(), { clock: new VirtualClock(), instruments: [trackTasks()] });
 * ```
 */
export function dumpTasks(loop?: EventLoop): TaskInfo[] {
  const lp = loopOf('dumpTasks', loop);
  trackerOf(lp);
  const rows: TaskInfo[] = [];
  for (const task of allTasks(lp)) rows.push(infoOf(task));
  return rows;
}

function infoOf(task: Task<unknown>): TaskInfo {
  const wait = describeWait(task);
  const rec = peekRecord(task);
  const tracked = rec?.tracked === true;
  return {
    id: idOf(task),
    name: task.getName(),
    state: stateOf(wait.kind),
    cancelling: task.cancelling(),
    waitingOn: wait.text,
    waitKind: wait.kind,
    awaitedBy: awaitingTasks(task)
      .filter((t) => !t.done())
      .map(refOf),
    parent: !tracked
      ? undefined
      : rec.parentId === 0
        ? null
        : { id: rec.parentId, name: rec.parentName },
    createdAt: tracked ? rec.createdAt : undefined,
    steps: tracked ? rec.steps : undefined,
    createdWhere: rec?.createdWhere,
  };
}

/** `12`, `0.5`, `1500`: milliseconds, rounded for a table. */
function ms(x: number): string {
  if (x >= 100 || Number.isInteger(x)) return String(Math.round(x));
  return String(Math.round(x * 10) / 10);
}

function refText(r: TaskRef | null | undefined): string {
  if (r === undefined) return '?';
  if (r === null) return '-';
  return `${r.name} #${r.id}`;
}

/**
 * The pending tasks of `loop` (default: the running loop) as a table, like
 * `python -m asyncio ps`: id, name, state, what it waits on, who awaits it, its creator,
 * its age in loop time (ms) and its steps; in debug mode, where it was created. `?` marks
 * what is unknown (tasks created before the tracker was installed: see
 * {@link trackTasks}); `-` means none.
 *
 * @throws as {@link dumpTasks}.
 * @example
 * ```ts
 * import { createTask, currentTask, gather, run, sleep } from '@aio/core';
 * import { formatTasks, trackTasks } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   currentTask()?.setName('main');
 *   const jobs = gather(
 *     createTask(sleep(100), { name: 'fast' }),
 *     createTask(sleep(500), { name: 'slow' }),
 *   );
 *   yield* sleep(200);
 *   console.log(formatTasks());
 *   // → id  name  state    waiting on       awaited by  parent   age (ms)  steps
 *   // → --  ----  -------  ---------------  ----------  -------  --------  -----
 *   // → 1   main  running  running          -           -        200       2
 *   // → 3   slow  waiting  sleep until 500  -           main #1  200       1
 *   yield* jobs;
 * }
 * await run(main(), { clock: new VirtualClock(), instruments: [trackTasks()] });
 * ```
 */
export function formatTasks(loop?: EventLoop): string {
  const lp = loopOf('formatTasks', loop);
  const rows = dumpTasks(lp);
  const now = lp.time();
  const header = ['id', 'name', 'state', 'waiting on', 'awaited by', 'parent', 'age (ms)', 'steps'];
  const table = rows.map((r) => [
    String(r.id),
    r.name,
    r.cancelling > 0 ? `${r.state} (cancelling)` : r.state,
    r.waitingOn,
    r.awaitedBy.length === 0 ? '-' : r.awaitedBy.map(refText).join(', '),
    refText(r.parent),
    r.createdAt === undefined ? '?' : ms(now - r.createdAt),
    r.steps === undefined ? '?' : String(r.steps),
  ]);
  if (rows.some((r) => r.createdWhere !== undefined)) {
    // Debug mode: where each task was created.
    header.push('created at');
    for (let i = 0; i < rows.length; i++) {
      (table[i] as string[]).push((rows[i] as TaskInfo).createdWhere ?? '?');
    }
  }
  // A loop over the rows, not Math.max(...column): a million rows would overflow the stack.
  const widths = header.map((h) => h.length);
  for (const row of table) {
    for (let i = 0; i < row.length; i++) {
      const len = (row[i] as string).length;
      if (len > (widths[i] as number)) widths[i] = len;
    }
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n');
}

/** Deeper levels than this are drawn without more indentation (`[depth N]`). */
const MAX_INDENT = 64;

/**
 * The pending tasks of `loop` (default: the running loop) as a tree, like
 * `python -m asyncio pstree`: from the tasks that nothing awaits down to the tasks they
 * await (through a gather, a task group, a shield…), each with what it waits on. Wait
 * cycles (deadlocks: awaits, or locks held by each other) come first, as
 * `cycle: a → b → a`; tasks inside an await cycle, which no root reaches, are then drawn
 * from the cycle, the repeated task marked `↺ cycle`.
 *
 * @throws as {@link dumpTasks}.
 * @example
 * ```ts
 * import { createTask, currentTask, gather, run, sleep } from '@aio/core';
 * import { formatTaskTree } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   currentTask()?.setName('main');
 *   const jobs = gather(
 *     createTask(sleep(100), { name: 'fetch-a' }),
 *     createTask(sleep(300), { name: 'fetch-b' }),
 *   );
 *   yield* sleep(1);
 *   const probe = createTask(
 *     (function* () {
 *       console.log(formatTaskTree());
 *       // → └── (T) main #1 · gather of 2 (2 pending)
 *       // →     ├── (T) fetch-a #2 · sleep until 100
 *       // →     └── (T) fetch-b #3 · sleep until 300
 *       // → └── (T) probe #4 · running
 *     })(),
 *     { name: 'probe' },
 *   );
 *   yield* jobs;
 *   yield* probe;
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export function formatTaskTree(loop?: EventLoop): string {
  const lp = loopOf('formatTaskTree', loop);
  trackerOf(lp);
  const tasks = [...allTasks(lp)];
  const pending = new Set(tasks);
  const children = new Map<Task<unknown>, Task<unknown>[]>();
  const roots: Task<unknown>[] = [];
  for (const t of tasks) {
    const parents = awaitingTasks(t).filter((p) => pending.has(p));
    if (parents.length === 0) roots.push(t);
    for (const p of parents) {
      const list = children.get(p);
      if (list === undefined) children.set(p, [t]);
      else list.push(t);
    }
  }
  const cycles = findWaitCycles(tasks);
  const lines: string[] = [];
  for (const c of cycles) {
    lines.push(`cycle: ${[...c, c[0] as Task<unknown>].map((t) => t.getName()).join(' → ')}`);
  }
  if (cycles.length > 0 && tasks.length > 0) lines.push('');

  const printed = new Set<Task<unknown>>();
  const onPath = new Set<Task<unknown>>();
  type Item =
    | { task: Task<unknown>; prefix: string; last: boolean; depth: number }
    | { exit: Task<unknown> };
  const label = (t: Task<unknown>): string => `(T) ${t.getName()} #${idOf(t)}`;
  const drawFrom = (root: Task<unknown>): void => {
    const stack: Item[] = [{ task: root, prefix: '', last: true, depth: 0 }];
    while (stack.length > 0) {
      const item = stack.pop() as Item;
      if ('exit' in item) {
        onPath.delete(item.exit);
        continue;
      }
      const { task, prefix, last, depth } = item;
      const branch = `${prefix}${last ? '└── ' : '├── '}`;
      const deep = depth > MAX_INDENT ? ` [depth ${depth}]` : '';
      if (onPath.has(task)) {
        lines.push(`${branch}${label(task)} ↺ cycle${deep}`);
        continue;
      }
      if (printed.has(task)) {
        lines.push(`${branch}${label(task)} (shown above)${deep}`);
        continue;
      }
      printed.add(task);
      onPath.add(task);
      const cancelling = task.cancelling() > 0 ? ' (cancelling)' : '';
      lines.push(`${branch}${label(task)} · ${describeWait(task).text}${cancelling}${deep}`);
      stack.push({ exit: task });
      const kids = children.get(task) ?? [];
      const next = depth >= MAX_INDENT ? prefix : `${prefix}${last ? '    ' : '│   '}`;
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push({
          task: kids[i] as Task<unknown>,
          prefix: next,
          last: i === kids.length - 1,
          depth: depth + 1,
        });
      }
    }
  };
  for (const r of roots) drawFrom(r);
  // What no root reaches hangs under an await cycle: draw it from the cycle.
  for (const c of cycles) if (!printed.has(c[0] as Task<unknown>)) drawFrom(c[0] as Task<unknown>);
  for (const t of tasks) if (!printed.has(t)) drawFrom(t);
  return lines.join('\n');
}
