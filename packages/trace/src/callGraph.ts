/**
 * Call graphs, after CPython 3.14's `asyncio.graph` (`capture_call_graph`,
 * `format_call_graph`, `print_call_graph`): a future or task, what it waits on, and the
 * tasks and futures that await it, nested up to the tasks nothing awaits.
 *
 * JavaScript cannot walk a suspended generator's frames, so where CPython prints a call
 * stack, aio prints what the task waits on (core's `describeWait`: `sleep until 1500`,
 * `Lock held by 'writer'`, `gather of 3 (2 pending)`…) and, in debug mode, where the task
 * was created.
 *
 * @module
 */

import {
  currentTask,
  describeWait,
  type Future,
  getAwaitedBy,
  isFuture,
  type WaitInfo,
} from '@aio/core';
import { idOf, peekRecord } from './records';
import { show } from './show';
import { loopOf, trackerOf } from './tracker';
import { isTask } from './waits';

/**
 * One node of a call graph: a future or task, what it waits on, and the graphs of what
 * awaits it (CPython's `FutureCallGraph`, with `waitingOn` where CPython has a call
 * stack).
 *
 * @example
 * ```ts
 * import { createTask, run, sleep } from '@aio/core';
 * import { captureCallGraph } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   const child = createTask(sleep(50), { name: 'child' });
 *   yield* sleep(1);
 *   const g = captureCallGraph(child);
 *   console.log(g?.name, g?.waitingOn?.text, g?.awaitedBy.length); // → child sleep until 50 0
 *   yield* child;
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export interface CallGraph {
  /** The future or task. */
  readonly future: Future<unknown>;
  /** Its id (see {@link futureId}). */
  readonly id: number;
  /** The task's name; `undefined` for a future that is not a task. */
  readonly name: string | undefined;
  /** What the task waits on (`running` for the current task); `undefined` for a future. */
  readonly waitingOn: WaitInfo | undefined;
  /** Where the task was created, in debug mode with a tracker installed first. */
  readonly createdWhere: string | undefined;
  /** The graphs of the tasks and futures awaiting it. */
  readonly awaitedBy: readonly CallGraph[];
  /**
   * Set when this future appears a second time: `'cycle'` if it awaits (through the
   * nodes above) itself, `'above'` if it is expanded elsewhere; `awaitedBy` is then empty.
   */
  readonly repeated: 'cycle' | 'above' | undefined;
  /** Whether awaiters were left out at the `depth` limit. */
  readonly truncated: boolean;
}

/**
 * Options of {@link captureCallGraph} and {@link printCallGraph}.
 *
 * @example
 * ```ts
 * import type { CallGraphOptions } from '@aio/trace';
 *
 * const opts: CallGraphOptions = { depth: 2 };
 * console.log(opts.depth); // → 2
 * ```
 */
export interface CallGraphOptions {
  /**
   * How many levels of awaiters to follow (default: all). CPython's `depth` skips stack
   * frames; aio has no frames to skip, so it bounds the graph instead.
   */
  depth?: number;
}

interface Building {
  future: Future<unknown>;
  id: number;
  name: string | undefined;
  waitingOn: WaitInfo | undefined;
  createdWhere: string | undefined;
  awaitedBy: Building[];
  repeated: 'cycle' | 'above' | undefined;
  truncated: boolean;
}

function nodeOf(fut: Future<unknown>): Building {
  const task = isTask(fut) ? fut : undefined;
  return {
    future: fut,
    id: idOf(fut),
    name: task?.getName(),
    waitingOn: task === undefined ? undefined : describeWait(task),
    createdWhere: peekRecord(fut)?.createdWhere,
    awaitedBy: [],
    repeated: undefined,
    truncated: false,
  };
}

/**
 * The call graph of `future`, or of the current task when `future` is omitted (then
 * `undefined` outside a task): the future, what it waits on, and the graphs of what
 * awaits it — through `yield*` of a task or future, `gather`, `shield`, `waitFor`, `wait`,
 * a task group (its tasks are awaited by its owner) and edges added with
 * `futureAddToAwaitedBy`. A future reached twice is shown once and marked `repeated`.
 *
 * @throws Error when `future` is omitted and no loop is running; TypeError if `future`
 * is not an aio Future, or `depth` is not a number ≥ 0.
 * @example
 * ```ts
 * import { currentTask, createTask, gather, run, sleep } from '@aio/core';
 * import { captureCallGraph } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   currentTask()?.setName('main');
 *   const a = createTask(sleep(100), { name: 'a' });
 *   createTask(
 *     (function* () {
 *       const graph = captureCallGraph(a);
 *       const up = graph?.awaitedBy[0]; // the gather, awaited by main
 *       console.log(graph?.name, up?.name, up?.awaitedBy[0]?.name); // → a undefined main
 *     })(),
 *   );
 *   yield* gather(a, sleep(200));
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export function captureCallGraph(
  future?: Future<unknown>,
  opts?: CallGraphOptions,
): CallGraph | undefined {
  const depth = opts?.depth ?? Number.POSITIVE_INFINITY;
  if (typeof depth !== 'number' || Number.isNaN(depth) || depth < 0) {
    throw new TypeError(`captureCallGraph(): depth must be a number ≥ 0, got ${show(depth)}`);
  }
  let root: Future<unknown> | undefined = future;
  if (root === undefined) {
    const loop = loopOf('captureCallGraph', undefined);
    root = currentTask(loop);
    if (root === undefined) return undefined;
  } else if (!isFuture(root)) {
    throw new TypeError(`captureCallGraph(): an aio Future was expected, got ${show(root)}`);
  }
  trackerOf(root.getLoop());
  const top = nodeOf(root);
  // Depth-first, iteratively, so that a future reached twice is expanded where it is
  // printed first. `up` links each node to the one it hangs under, for cycle checks.
  const up = new Map<Building, Building | undefined>([[top, undefined]]);
  const level = new Map<Building, number>([[top, 0]]);
  const expanded = new Set<Future<unknown>>();
  const stack: Building[] = [top];
  while (stack.length > 0) {
    const node = stack.pop() as Building;
    if (expanded.has(node.future)) {
      let onPath = false;
      for (let a = up.get(node); a !== undefined; a = up.get(a)) {
        if (a.future === node.future) {
          onPath = true;
          break;
        }
      }
      node.repeated = onPath ? 'cycle' : 'above';
      continue;
    }
    expanded.add(node.future);
    const awaiters = getAwaitedBy(node.future);
    if (awaiters.length === 0) continue;
    const d = level.get(node) as number;
    if (d >= depth) {
      node.truncated = true;
      continue;
    }
    for (const w of awaiters) {
      const child = nodeOf(w);
      node.awaitedBy.push(child);
      up.set(child, node);
      level.set(child, d + 1);
    }
    for (let i = node.awaitedBy.length - 1; i >= 0; i--) stack.push(node.awaitedBy[i] as Building);
  }
  return top;
}

/** Deeper levels than this are printed without more indentation (`[level N]`). */
const MAX_INDENT = 64;

/** `GatheringFuture`, `Future`…: the class a future shows in its `toString()`. */
function futureKind(fut: Future<unknown>): string {
  const m = /^<(\w+)/.exec(String(fut));
  return m === null ? 'Future' : (m[1] as string);
}

/**
 * A call graph as text, in CPython's layout: `* Task(name='…', id=…)` for a task,
 * `* GatheringFuture(id=…)` for a future, then `+ Waiting on: …`, `+ Created at: …`
 * (debug mode) and `+ Awaited by:` with the awaiters nested four spaces deeper.
 *
 * @throws TypeError if `graph` is not a call graph.
 * @example
 * ```ts
 * import { createTask, currentTask, run, sleep } from '@aio/core';
 * import { captureCallGraph, formatCallGraph } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   currentTask()?.setName('main');
 *   const nap = createTask(sleep(100), { name: 'nap' });
 *   yield* sleep(1);
 *   console.log(formatCallGraph(captureCallGraph(nap)!));
 *   // → * Task(name='nap', id=2)
 *   // →   + Waiting on: sleep until 100
 *   yield* nap;
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export function formatCallGraph(graph: CallGraph): string {
  if (graph === null || typeof graph !== 'object' || !isFuture(graph.future)) {
    throw new TypeError(`formatCallGraph(): a CallGraph was expected, got ${show(graph)}`);
  }
  const lines: string[] = [];
  const stack: Array<[CallGraph, number]> = [[graph, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop() as [CallGraph, number];
    const pad = '    '.repeat(Math.min(level, MAX_INDENT));
    const deep = level > MAX_INDENT ? ` [level ${level}]` : '';
    const head =
      node.name !== undefined
        ? `* Task(name='${node.name}', id=${node.id})`
        : `* ${futureKind(node.future)}(id=${node.id})`;
    const mark =
      node.repeated === 'cycle'
        ? '  (cycle: it awaits itself through the futures above)'
        : node.repeated === 'above'
          ? '  (shown above)'
          : '';
    lines.push(pad + head + mark + deep);
    if (node.repeated !== undefined) continue;
    if (node.waitingOn !== undefined) lines.push(`${pad}  + Waiting on: ${node.waitingOn.text}`);
    if (node.createdWhere !== undefined) lines.push(`${pad}  + Created at: ${node.createdWhere}`);
    if (node.truncated) lines.push(`${pad}  + Awaited by: … (depth limit)`);
    else if (node.awaitedBy.length > 0) {
      lines.push(`${pad}  + Awaited by:`);
      for (let i = node.awaitedBy.length - 1; i >= 0; i--) {
        stack.push([node.awaitedBy[i] as CallGraph, level + 1]);
      }
    }
  }
  return lines.join('\n');
}

/**
 * Options of {@link printCallGraph}.
 *
 * @example
 * ```ts
 * import type { PrintCallGraphOptions } from '@aio/trace';
 *
 * const lines: string[] = [];
 * const opts: PrintCallGraphOptions = { write: (text) => lines.push(text) };
 * opts.write?.('x');
 * console.log(lines.length); // → 1
 * ```
 */
export interface PrintCallGraphOptions extends CallGraphOptions {
  /** Where the text goes (default: `console.log`). */
  write?: (text: string) => void;
}

/**
 * Prints the call graph of `future` (or of the current task) with
 * {@link formatCallGraph}; prints nothing outside a task when `future` is omitted.
 *
 * @throws as {@link captureCallGraph}.
 * @example
 * ```ts
 * import { createTask, currentTask, run, sleep } from '@aio/core';
 * import { printCallGraph } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* child() {
 *   yield* sleep(1);
 *   printCallGraph(); // the current task, as it runs, and who awaits it
 * }
 * function* main() {
 *   currentTask()?.setName('main');
 *   yield* createTask(child(), { name: 'child' });
 * }
 * await run(main(), { clock: new VirtualClock() });
 * // → * Task(name='child', id=2)
 * // →   + Waiting on: running
 * // →   + Awaited by:
 * // →     * Task(name='main', id=1)
 * // →       + Waiting on: task 'child'
 * ```
 */
export function printCallGraph(future?: Future<unknown>, opts?: PrintCallGraphOptions): void {
  const graph = captureCallGraph(future, opts);
  if (graph === undefined) return;
  (opts?.write ?? console.log)(formatCallGraph(graph));
}
