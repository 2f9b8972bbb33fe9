/**
 * What tasks wait on, and who awaits whom: the one description of a wait that
 * `DeadlockError`, `runSync`'s errors and `@aio/trace` share.
 *
 * - `describeWait(task)` asks the future a task is suspended on to describe itself
 *   (every future core makes for a purpose says what it is: a task, a gather, a sleep,
 *   a lock's waiter, a queue's getter, a wrapped promise…). It costs nothing until
 *   asked.
 * - Awaited-by edges, as CPython 3.14 keeps them (`future_add_to_awaited_by`), without
 *   bookkeeping on the hot path: a task blocked on a future is in that future's
 *   callback list (a sleeping task is the sleep's waker, and shows through the future
 *   that stands for the sleep once asked for); the done-callbacks that make one future await another (gather's
 *   waker, a task group's, shield's, wait's, waitFor's cancel-and-wait) name that future in an `_awaiter` field;
 *   libraries that build their own waits add explicit edges
 *   ({@link futureAddToAwaitedBy}).
 *
 * @module
 */

import type { DoneWaker } from './events';
import { CANCELLED, FAILED, FINISHED, Future, NO_TASKS, type WaitParts } from './future';
import { Task } from './task';
import type * as api from './types';

/** Explicit awaited-by edges: future → the futures (tasks) that await it. */
const explicit = new WeakMap<api.Future<unknown>, api.Future<unknown>[]>();

/**
 * What `task` is waiting on: its state (`running`, `ready`, `done`), or the future it is
 * suspended on, described.
 *
 * @throws TypeError if `task` is not an aio Task.
 * @example
 * ```ts
 * for (const t of allTasks()) console.log(t.getName(), describeWait(t).text);
 * // writer  sleep until 1500
 * // reader  Lock held by 'writer'
 * ```
 */
export function describeWait(task: api.Task<unknown>): api.WaitInfo {
  if (!(task instanceof Task)) {
    throw new TypeError(`describeWait(): a Task was expected, got ${String(task)}`);
  }
  const parts = waitParts(task);
  const fut = task._futWaiter;
  // A sleep is not a Future: the future handed out stands for it from now on.
  if (parts.kind === 'done' || fut === null || fut.done()) return { ...parts, future: undefined };
  return { ...parts, future: fut._asFuture() };
}

const DONE_PARTS: WaitParts = { kind: 'done', text: 'done', blockers: NO_TASKS };
const RUNNING_PARTS: WaitParts = { kind: 'running', text: 'running', blockers: NO_TASKS };
const READY_PARTS: WaitParts = { kind: 'ready', text: 'ready to run', blockers: NO_TASKS };

/**
 * What `task` waits on, without the future: reads nothing but the wait's own
 * description, so a sleep gets no Future standing for it (`findWaitCycles` and the
 * deadlock messages ask about every pending task).
 */
function waitParts(task: Task<unknown>): WaitParts {
  if (task.done()) return DONE_PARTS;
  const fut = task._futWaiter;
  // The current task is running, unless its step has just ended (an instrument's
  // afterTaskStep): then it waits on the future it yielded, or is ready to run again.
  const loop = task._loop;
  if (loop._currentTask === task && loop._stepEnded !== task && (fut === null || fut.done())) {
    return RUNNING_PARTS;
  }
  if (fut === null || fut.done()) return READY_PARTS;
  return fut._describeWait();
}

/**
 * How `fut` stands — pending, a result, an error, cancelled — read without retrieving its
 * exception: unlike `fut.exception()`, peeking does not stop the loop from reporting
 * "exception was never retrieved" when nobody else retrieves it. For tools that watch
 * futures and tasks (task dumps, traces) and must not change what the program sees.
 *
 * @throws TypeError if `fut` is not an aio Future.
 * @example
 * ```ts
 * const o = peekOutcome(task);
 * if (o.kind === 'error') console.log(`${task.getName()} failed:`, o.error);
 * ```
 */
export function peekOutcome<T>(fut: api.Future<T>): api.Outcome<T> {
  if (!(fut instanceof Future)) {
    throw new TypeError(`peekOutcome(): a Future was expected, got ${String(fut)}`);
  }
  const f = fut as Future<T>;
  switch (f._state) {
    case FINISHED:
      return { kind: 'result', value: f._value as T };
    case FAILED:
      return { kind: 'error', error: f._value };
    case CANCELLED:
      return { kind: 'cancelled' };
    default:
      return { kind: 'pending' };
  }
}

/**
 * The futures and tasks that await `fut` right now: tasks suspended on it, the gather
 * it is a child of, a task group's owner, a shield, a `wait` or `waitFor`, and the edges added with
 * {@link futureAddToAwaitedBy} (waits built outside core).
 *
 * @throws TypeError if `fut` is not an aio Future.
 * @example
 * ```ts
 * getAwaitedBy(childTask); // [<Task pending name='main' …>]
 * ```
 */
export function getAwaitedBy(fut: api.Future<unknown>): api.Future<unknown>[] {
  if (!(fut instanceof Future)) {
    throw new TypeError(`getAwaitedBy(): a Future was expected, got ${String(fut)}`);
  }
  const out: api.Future<unknown>[] = [];
  const add = (w: unknown): void => {
    if (w instanceof Task) {
      if (w._futWaiter === fut && !out.includes(w)) out.push(w);
      return;
    }
    const awaiter = (w as DoneWaker)._awaiter;
    if (awaiter !== undefined && awaiter !== null && !awaiter.done() && !out.includes(awaiter)) {
      out.push(awaiter);
    }
  };
  fut._eachCallback(add);
  for (const w of explicit.get(fut) ?? []) if (!w.done() && !out.includes(w)) out.push(w);
  return out;
}

/**
 * Records that `waiter` awaits `fut` (CPython 3.14's `future_add_to_awaited_by`): for
 * waits built by hand, so that call graphs and deadlock reports see the edge. Remove it
 * with {@link futureDiscardFromAwaitedBy} when the wait ends (edges to a done waiter are
 * ignored anyway).
 *
 * @throws TypeError if either is not an aio Future.
 * @example
 * ```ts
 * futureAddToAwaitedBy(inner, currentTask()!);
 * try {
 *   yield* myOwnWait(inner);
 * } finally {
 *   futureDiscardFromAwaitedBy(inner, currentTask()!);
 * }
 * ```
 */
export function futureAddToAwaitedBy(fut: api.Future<unknown>, waiter: api.Future<unknown>): void {
  if (!(fut instanceof Future) || !(waiter instanceof Future)) {
    throw new TypeError('futureAddToAwaitedBy(): both arguments must be aio Futures');
  }
  const list = explicit.get(fut);
  if (list === undefined) explicit.set(fut, [waiter]);
  else if (!list.includes(waiter)) list.push(waiter);
}

/**
 * Removes an edge added with {@link futureAddToAwaitedBy} (a no-op if absent).
 *
 * @example
 * ```ts
 * futureDiscardFromAwaitedBy(inner, currentTask()!);
 * ```
 */
export function futureDiscardFromAwaitedBy(
  fut: api.Future<unknown>,
  waiter: api.Future<unknown>,
): void {
  const list = explicit.get(fut);
  if (list === undefined) return;
  const i = list.indexOf(waiter);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) explicit.delete(fut);
}

/** A task's blockers; a non-task gets describeWait's TypeError. */
function blockersOf(task: api.Task<unknown>): readonly api.Task<unknown>[] {
  return task instanceof Task ? waitParts(task).blockers : describeWait(task).blockers;
}

/**
 * The wait cycles among `tasks`: each cycle is a list of tasks `[a, b, …]` where `a`
 * waits on something blocked by `b` (awaits it, or a lock it holds), and so on back to
 * `a`. One cycle is listed per strongly connected group of waits, starting from its
 * earliest task in `tasks` (linear time: Tarjan's algorithm, without recursion).
 *
 * @example
 * ```ts
 * for (const c of findWaitCycles(allTasks())) {
 *   console.log('cycle:', [...c, c[0]].map((t) => t.getName()).join(' → '));
 * }
 * ```
 */
export function findWaitCycles(tasks: Iterable<api.Task<unknown>>): api.Task<unknown>[][] {
  const order = [...tasks];
  const n = order.length;
  const id = new Map<api.Task<unknown>, number>();
  for (let i = 0; i < n; i++) id.set(order[i] as api.Task<unknown>, i);
  const succ: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const out: number[] = [];
    for (const b of blockersOf(order[i] as api.Task<unknown>)) {
      const j = id.get(b);
      if (j !== undefined) out.push(j);
    }
    succ[i] = out;
  }
  // Tarjan's strongly connected components, iteratively.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const comp = new Int32Array(n).fill(-1);
  let counter = 0;
  let ncomp = 0;
  const work: Array<[number, number]> = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push([root, 0]);
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const v = frame[0];
      if (frame[1] === 0 && index[v] === -1) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const edges = succ[v] as number[];
      if (frame[1] < edges.length) {
        const w = edges[frame[1]++] as number;
        if (index[w] === -1) work.push([w, 0]);
        else if (onStack[w] === 1) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = (work[work.length - 1] as [number, number])[0];
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = ncomp;
        } while (w !== v);
        ncomp++;
      }
    }
  }
  // A component is a cycle if it has two tasks or more, or one task waiting on itself.
  const size = new Int32Array(ncomp);
  for (let i = 0; i < n; i++) {
    const c = comp[i] as number;
    size[c] = (size[c] as number) + 1;
  }
  const cycles: api.Task<unknown>[][] = [];
  const reported = new Uint8Array(ncomp);
  for (let start = 0; start < n; start++) {
    const c = comp[start] as number;
    if (reported[c] === 1) continue;
    const selfLoop = (succ[start] as number[]).includes(start);
    if ((size[c] as number) < 2 && !selfLoop) continue;
    reported[c] = 1;
    // The shortest way from the earliest task back to itself, inside the component.
    const parent = new Map<number, number>([[start, -1]]);
    const queue = [start];
    let last = -1;
    for (let q = 0; q < queue.length && last === -1; q++) {
      const v = queue[q] as number;
      for (const w of succ[v] as number[]) {
        if (w === start) {
          last = v;
          break;
        }
        if (comp[w] === c && !parent.has(w)) {
          parent.set(w, v);
          queue.push(w);
        }
      }
    }
    const cycle: api.Task<unknown>[] = [];
    for (let v = last; v !== -1; v = parent.get(v) ?? -1) cycle.push(order[v] as api.Task<unknown>);
    cycle.reverse();
    cycles.push(cycle);
  }
  return cycles;
}

// How many tasks, and cycles, a message names at most.
const MAX_NAMED = 20;

/**
 * The pending tasks and their waits, for an error message: one line per task
 * (`  name: waiting on …`, at most 20, then `… and N more`), then the wait cycles
 * (`  cycle: a → b → a`).
 *
 * @internal
 */
export function describePending(tasks: readonly api.Task<unknown>[]): string {
  if (tasks.length === 0) return 'No task is pending.';
  const lines = ['Pending tasks:'];
  for (let i = 0; i < tasks.length && i < MAX_NAMED; i++) {
    const t = tasks[i] as api.Task<unknown>;
    lines.push(
      `  ${t.getName()}: waiting on ${t instanceof Task ? waitParts(t).text : describeWait(t).text}`,
    );
  }
  if (tasks.length > MAX_NAMED) lines.push(`  … and ${tasks.length - MAX_NAMED} more`);
  const cycles = findWaitCycles(tasks);
  if (cycles.length > 0) {
    lines.push('Wait cycles:');
    for (const c of cycles.slice(0, MAX_NAMED)) {
      lines.push(
        `  cycle: ${[...c, c[0] as api.Task<unknown>].map((t) => t.getName()).join(' → ')}`,
      );
    }
    if (cycles.length > MAX_NAMED) lines.push(`  … and ${cycles.length - MAX_NAMED} more`);
  }
  return lines.join('\n');
}
