/**
 * Everything the showcase asks of tracing, behind one narrow interface: record the
 * run, print the task tree, watch for blocked tasks, write the trace files. Built on
 * `@aio/trace` (`recordTrace`, `formatTaskTree`, `watchTasks`).
 *
 * @module
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getAwaitedBy, type Task } from '@aio/core';
import { formatTaskTree, recordTrace, watchTasks } from '@aio/trace';

/** A watchdog report: the task, and what to print about it. */
export interface WatchReport {
  readonly task: Task<unknown>;
  /** One or more lines. */
  readonly text: string;
}

/** A recording in progress on the running loop. */
export interface Tracing {
  /** The loop's pending tasks as a tree, with what each waits on. */
  taskTree(): string;
  /**
   * Starts a watchdog for tasks blocked longer than `blockedMs` (loop time), or still
   * running that long after a cancel; returns `stop`.
   */
  watch(opts: { blockedMs: number; onReport: (r: WatchReport) => void }): () => void;
  /** Stops recording (idempotent). */
  stop(): void;
  /** Writes `<base>.trace.json` (Perfetto, chrome://tracing) and `<base>.timeline.html` to `dir`. */
  write(dir: string, base: string, title: string): { json: string; html: string };
}

/**
 * Starts recording the running loop.
 *
 * @throws Error outside a running loop.
 * @example
 * ```ts
 * const tracing = startTracing();
 * console.log(tracing.taskTree());
 * ```
 */
export function startTracing(): Tracing {
  const recorder = recordTrace();
  return {
    taskTree: () => formatTaskTree(),
    watch({ blockedMs, onReport }) {
      const dog = watchTasks({
        blockedMs,
        // Slow steps are measured in real time: they would make the virtual run's output
        // depend on the machine. The showcase's steps are short by construction.
        slowStepMs: Number.POSITIVE_INFINITY,
        onReport: (r) =>
          onReport({
            task: r.task,
            text: `${r.message.replace(/^aio watchdog: /, 'watchdog: ')}\n          awaited by: ${awaitedBy(r.task)}`,
          }),
      });
      return () => dog.stop();
    },
    stop: () => recorder.stop(),
    write(dir, base, title) {
      mkdirSync(dir, { recursive: true });
      const files = {
        json: path.join(dir, `${base}.trace.json`),
        html: path.join(dir, `${base}.timeline.html`),
      };
      writeFileSync(files.json, JSON.stringify(recorder.toChromeTrace()));
      writeFileSync(files.html, recorder.toHtml({ title }));
      return files;
    },
  };
}

/**
 * Who waits for `task`, up to the root: `worker-3 ← main` (the first awaiter at each
 * level; a cycle or a task nobody awaits ends the line).
 */
function awaitedBy(task: Task<unknown>): string {
  const names: string[] = [];
  const seen = new Set<unknown>([task]);
  let at: unknown = getAwaitedBy(task)[0];
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    const t = at as Task<unknown>;
    names.push(typeof t.getName === 'function' ? `'${t.getName()}'` : String(at));
    at = getAwaitedBy(t)[0];
  }
  return names.length === 0 ? 'nobody' : names.join(' ← ');
}
