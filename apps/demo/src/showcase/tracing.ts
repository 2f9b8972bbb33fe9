/**
 * Everything the showcase asks of tracing, behind one narrow interface: record the
 * run, print the task tree, watch for blocked tasks, write the trace files.
 *
 * INTERIM: `@aio/trace` does not export its API yet, so {@link startTracing} uses
 * the stand-ins in `./interimTrace/` (built only on `@aio/core`'s public
 * `Instrument` hooks and diagnostics). When `@aio/trace` lands, this module is the
 * only one to change (API.md's names):
 *
 * ```ts
 * import { formatTaskTree, recordTrace, watchTasks } from '@aio/trace';
 * const recorder = recordTrace();               // for interimRecordTrace()
 * taskTree: () => formatTaskTree(),             // for interimTaskTree()
 * watchTasks({ blockedMs, onReport }) → .stop() // for interimWatchTasks(…)
 * recorder.toChromeTrace(), recorder.toHtml()   // for interimTimelineHtml(…)
 * ```
 *
 * and `./interimTrace/` is deleted.
 *
 * @module
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Task } from '@aio/core';
import { interimRecordTrace } from './interimTrace/recorder';
import { interimTaskTree } from './interimTrace/taskTree';
import { interimTimelineHtml } from './interimTrace/timelineHtml';
import { interimWatchTasks } from './interimTrace/watchdog';

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
  /** Starts a watchdog for tasks blocked longer than `blockedMs` (loop time); returns `stop`. */
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
  const recorder = interimRecordTrace();
  return {
    taskTree: () => interimTaskTree(),
    watch({ blockedMs, onReport }) {
      return interimWatchTasks({
        blockedMs,
        onReport: (r) =>
          onReport({
            task: r.task,
            text:
              `watchdog: '${r.task.getName()}' blocked for ${r.blockedMs} ms, waiting on ${r.waitingOn}\n` +
              `          wait chain: ${r.chain.join(' → ')}`,
          }),
      });
    },
    stop: () => recorder.stop(),
    write(dir, base, title) {
      mkdirSync(dir, { recursive: true });
      const trace = recorder.toChromeTrace();
      const files = {
        json: path.join(dir, `${base}.trace.json`),
        html: path.join(dir, `${base}.timeline.html`),
      };
      writeFileSync(files.json, JSON.stringify(trace));
      writeFileSync(files.html, interimTimelineHtml(trace, title));
      return files;
    },
  };
}
