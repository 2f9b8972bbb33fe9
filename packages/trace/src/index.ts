/**
 * `@aio/trace`: see which task is stuck, on what, and who woke whom — call graphs, task
 * dumps, a watchdog, timelines for Perfetto and a self-contained viewer, built on the
 * `Instrument` hooks of `@aio/core`. Everything here runs in browsers too; OpenTelemetry
 * is in `@aio/trace/otel`, the Node-only tools in `@aio/trace/node`.
 *
 * The list stays explicit (no `export *`).
 *
 * @module
 */

// The tracker and ids
export { futureId, type TaskRef } from './records';
export { trackTasks } from './tracker';

// Call graphs
export {
  type CallGraph,
  type CallGraphOptions,
  captureCallGraph,
  formatCallGraph,
  type PrintCallGraphOptions,
  printCallGraph,
} from './callGraph';

// Task dumps
export { dumpTasks, formatTaskTree, formatTasks, type TaskInfo, type TaskState } from './tasks';

// Recording: Chrome Trace Event JSON (Perfetto) and a self-contained HTML timeline
export { recordTrace } from './recorder';
export type {
  ChromeTrace,
  HtmlOptions,
  Recorder,
  RecordOptions,
  TraceEvent,
} from './traceTypes';

// The watchdog
export {
  type WatchOptions,
  type Watchdog,
  type WatchReport,
  type WatchReportKind,
  watchTasks,
} from './watchdog';
