/**
 * The Chrome Trace Event types the recorder produces and the HTML page reads (a leaf
 * module: both import it).
 *
 * @module
 */

/**
 * One event of a Chrome Trace Event file (the JSON Perfetto UI and `chrome://tracing`
 * open): `ph` is the phase (`X` slice, `s`/`f` flow start and end, `i` instant, `M`
 * metadata), `ts` and `dur` are in microseconds.
 *
 * @example
 * ```ts
 * import type { TraceEvent } from '@aio/trace';
 *
 * const e: TraceEvent = { name: 'main', ph: 'X', ts: 0, dur: 5, pid: 1, tid: 1 };
 * console.log(e.ph); // → X
 * ```
 */
export interface TraceEvent {
  name: string;
  ph: 'X' | 's' | 'f' | 'i' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  s?: 't' | 'p' | 'g';
  args?: Record<string, unknown>;
}

/**
 * A Chrome Trace Event file: `JSON.stringify` it and open it in Perfetto UI
 * (ui.perfetto.dev) or `chrome://tracing`.
 *
 * @example
 * ```ts
 * import { run, sleep } from '@aio/core';
 * import { type ChromeTrace, recordTrace } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * let trace: ChromeTrace | undefined;
 * function* main() {
 *   const rec = recordTrace();
 *   yield* sleep(100);
 *   trace = rec.toChromeTrace();
 * }
 * await run(main(), { clock: new VirtualClock() });
 * console.log(trace?.displayTimeUnit, trace?.traceEvents.some((e) => e.ph === 'X')); // → ms true
 * ```
 */
export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
}

/**
 * Options of {@link Recorder.toHtml}.
 *
 * @example
 * ```ts
 * import type { HtmlOptions } from '@aio/trace';
 *
 * const opts: HtmlOptions = { title: 'checkout flow', axis: 'order' };
 * console.log(opts.axis); // → order
 * ```
 */
export interface HtmlOptions {
  /** The page's title (default `aio trace`). */
  title?: string;
  /**
   * The initial horizontal axis: `'time'` (loop time) or `'order'` (each distinct moment
   * one step apart: a virtual-clock run, where many steps share one loop time, reads
   * best this way). `'auto'` (the default) picks `'order'` when the steps take no loop
   * time. The page has a button to switch.
   */
  axis?: 'time' | 'order' | 'auto';
}

/**
 * Options of {@link recordTrace}.
 *
 * @example
 * ```ts
 * import type { RecordOptions } from '@aio/trace';
 *
 * const opts: RecordOptions = { maxSteps: 10_000 };
 * console.log(opts.maxSteps); // → 10000
 * ```
 */
export interface RecordOptions {
  /**
   * The recorder stops by itself after this many task steps (default 1 000 000, about
   * 100 MB of log at most); the trace then says so with a `recording stopped` instant.
   */
  maxSteps?: number;
}

/**
 * A recording in progress (see {@link recordTrace}).
 *
 * @example
 * ```ts
 * import { run, sleep } from '@aio/core';
 * import { type Recorder, recordTrace } from '@aio/trace';
 *
 * let rec: Recorder | undefined;
 * await run((function* () {
 *   rec = recordTrace();
 *   yield* sleep(1);
 * })());
 * rec?.stop();
 * console.log(rec?.recording); // → false
 * ```
 */
export interface Recorder {
  /** Whether it is still recording. */
  readonly recording: boolean;
  /** Stops recording (idempotent); what was recorded stays available. */
  stop(): void;
  /** The recording so far as a Chrome Trace Event file. */
  toChromeTrace(): ChromeTrace;
  /**
   * The recording so far as one self-contained HTML page (no network): the tracks,
   * steps and arrows of {@link Recorder.toChromeTrace}, zoomable (wheel, drag, the
   * `+`/`-`/`fit` buttons), with each slice's details on hover.
   */
  toHtml(opts?: HtmlOptions): string;
}
