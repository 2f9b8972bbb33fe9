/**
 * The recorder: an instrument that writes what the loop does into a compact log, and
 * turns it into a Chrome Trace Event file (Perfetto UI, `chrome://tracing`) or into one
 * self-contained HTML page.
 *
 * What a trace shows:
 * - one track per task (`thread_name` = its name and id, sorted by id), one `X` slice
 *   per step; and an `event loop` track with the loop's idle waits and the callbacks
 *   that woke tasks (a timer, a gather's completion, a settled promise);
 * - flow arrows from the step (or callback) that completed the future a task awaited to
 *   the step it woke, and from a parent's step to its child's first step;
 * - an instant for each cancel request (who asked, the message).
 *
 * Times are loop time: a `VirtualClock` run shows its virtual timeline. Perfetto drops
 * slices that overlap on a track and binds arrows to slices by time, so every recorded
 * moment is distinct: an event at the same loop time as the one before is placed one
 * nanosecond after it (the real loop time is in each slice's `args.loopTime`). A flow
 * starts strictly inside its source slice and ends just before its target slice begins
 * (Chrome's and Perfetto's "next slice" binding), so every arrow has both ends.
 *
 * Cost: a few hundred nanoseconds per step (see W9 in BENCHMARKS.md); nothing but
 * numbers is stored per event, and no task is kept alive by the log.
 *
 * @module
 */

import {
  currentTask,
  describeWait,
  type EventLoop,
  type Future,
  type Instrument,
  type Task,
} from '@aio/core';
import { renderHtml } from './html';
import type { ChromeTrace, HtmlOptions, TraceEvent } from './traceTypes';
import { outcomeOf } from './outcome';
import { numberTasks, recordOf } from './records';
import { show } from './show';
import { loopOf } from './tracker';

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

// Kinds of log records. Each record is REC numbers: [kind, a, b, c, d, e].
const K_STEP = 1; // tid, begin, end, step number, extra (index into #extras, -1 none)
const K_WAKE = 2; // flow id, source tid, source time, target tid, target time
const K_SPAWN = 3; // as K_WAKE
const K_LOOP = 4; // begin, end, label (index into #strings), -, -  (the event loop track)
const K_CANCEL = 5; // tid, time, by (tid, 0: none), message (index, -1: none), -
const K_STOPPED = 6; // time, -, -, -, -
const REC = 6;

/** A task's track. */
interface Track {
  readonly tid: number;
  name: string;
  steps: number;
  /** Flows waiting for the next step: [kind, id, source tid, source time] × n. */
  inFlows: number[] | null;
  /** What the task waited on after its last step (kept until it steps again). */
  waitText: string;
  waitKind: string;
  waitFuture: Future<unknown> | undefined;
}

/** Details of a step, kept apart from the number log. */
interface StepExtra {
  next?: string;
  outcome?: string;
}

const DEFAULT_MAX_STEPS = 1_000_000;

/** What a callback that completed a wait of this kind did, for the event loop track. */
function wakeLabel(kind: string, text: string): string {
  switch (kind) {
    case 'sleep':
      return `timer (${text})`;
    case 'promise':
      return `promise settled (${text})`;
    case 'gather':
      return 'gather done';
    case 'task-group':
      return 'task group done';
    case 'wait':
      return 'wait done';
    default:
      return `callback (${text})`;
  }
}

/** @internal The recorder (see the module comment). */
export class TraceRecorder implements Instrument, Recorder {
  readonly name = '@aio/trace recorder';
  readonly #loop: EventLoop;
  readonly #maxSteps: number;
  readonly #log: number[] = [];
  readonly #strings: string[] = [];
  readonly #extras: StepExtra[] = [];
  readonly #tracks = new WeakMap<Task<unknown>, Track>();
  /** Every track, in the order first seen: names and ids only, never the tasks. */
  readonly #trackList: Track[] = [];
  /** The steps running now (eager starts nest): track, begin time, extra index. */
  readonly #open: Array<[Track, number, number]> = [];
  #cursor = -1;
  #nextFlow = 1;
  #stepsSeen = 0;
  #recording = true;
  #idleSince = -1;
  /** A task whose step just ended: what it waits on is described at the next event. */
  #toDescribe: Task<unknown> | null = null;
  #toDescribeTrack: Track | null = null;
  /** Its step's record in the log. */
  #toDescribeRecord = -1;
  /** The last event-loop-track callback slice: extended while the same future wakes more. */
  #lastWakeFuture: Future<unknown> | undefined = undefined;
  #lastWakeRecord = -1;

  constructor(loop: EventLoop, maxSteps: number) {
    this.#loop = loop;
    this.#maxSteps = maxSteps;
  }

  get recording(): boolean {
    return this.#recording;
  }

  /** A distinct moment, in ns of loop time: never before or at the previous one. */
  #tick(): number {
    let t = Math.round(this.#loop.time() * 1e6);
    if (t <= this.#cursor) t = this.#cursor + 1;
    this.#cursor = t;
    return t;
  }

  #string(s: string): number {
    this.#strings.push(s);
    return this.#strings.length - 1;
  }

  #track(task: Task<unknown>): Track {
    let tr = this.#tracks.get(task);
    if (tr === undefined) {
      tr = {
        tid: recordOf(task).id,
        name: task.getName(),
        steps: 0,
        inFlows: null,
        waitText: '',
        waitKind: '',
        waitFuture: undefined,
      };
      this.#tracks.set(task, tr);
      this.#trackList.push(tr);
    }
    return tr;
  }

  /** Describes what the task whose step ended last waits on (see the module comment). */
  #describe(stepping: Task<unknown> | undefined): void {
    const task = this.#toDescribe as Task<unknown>;
    const tr = this.#toDescribeTrack as Track;
    this.#toDescribe = null;
    this.#toDescribeTrack = null;
    let text: string;
    if (task === stepping || task.done()) {
      // Stepping again at once: it was ready. Done: its outcome says it all.
      text = task.done() ? '' : 'ready to run';
      tr.waitFuture = undefined;
      tr.waitKind = 'ready';
    } else {
      const w = describeWait(task);
      text = w.text;
      tr.waitFuture = w.future;
      tr.waitKind = w.kind;
    }
    tr.waitText = text;
    if (text !== '') {
      const at = this.#toDescribeRecord + 5;
      const extra = this.#log[at] as number;
      if (extra >= 0) (this.#extras[extra] as StepExtra).next = text;
      else {
        this.#extras.push({ next: text });
        this.#log[at] = this.#extras.length - 1;
      }
    }
  }

  /** Recording starts inside a step of `task`: that step is open from now. */
  openCurrent(task: Task<unknown>): void {
    this.#open.push([this.#track(task), this.#tick(), -1]);
  }

  taskCreated(task: Task<unknown>, parent: Task<unknown> | undefined): void {
    if (this.#toDescribe !== null) this.#describe(undefined);
    const tr = this.#track(task);
    if (parent !== undefined) {
      const src = this.#track(parent);
      (tr.inFlows ??= []).push(K_SPAWN, this.#nextFlow++, src.tid, this.#tick());
    }
  }

  taskScheduled(task: Task<unknown>, wokenBy: Future<unknown> | undefined): void {
    if (this.#toDescribe !== null) this.#describe(undefined);
    const tr = this.#track(task);
    if (tr.steps === 0 && wokenBy === undefined) return; // first step: the spawn arrow
    const by = currentTask(this.#loop);
    if (by === task) return; // a bare yield: no arrow to itself
    if (by !== undefined) {
      const src = this.#track(by);
      (tr.inFlows ??= []).push(K_WAKE, this.#nextFlow++, src.tid, this.#tick());
      return;
    }
    // A callback completed what the task awaited: draw it on the event loop track.
    const log = this.#log;
    let at: number;
    if (
      wokenBy !== undefined &&
      wokenBy === this.#lastWakeFuture &&
      log[this.#lastWakeRecord + 2] === this.#cursor
    ) {
      at = this.#tick();
      log[this.#lastWakeRecord + 2] = this.#tick();
    } else {
      const label =
        tr.waitFuture === wokenBy && tr.waitText !== '' && tr.waitKind !== 'future'
          ? wakeLabel(tr.waitKind, tr.waitText)
          : `callback (${wokenBy === undefined ? 'wake-up' : String(wokenBy)})`;
      const begin = this.#tick();
      at = this.#tick();
      this.#lastWakeRecord = log.length;
      this.#lastWakeFuture = wokenBy;
      log.push(K_LOOP, begin, this.#tick(), this.#string(label), 0, 0);
    }
    (tr.inFlows ??= []).push(K_WAKE, this.#nextFlow++, 0, at);
  }

  beforeTaskStep(task: Task<unknown>): void {
    if (this.#toDescribe !== null) this.#describe(task);
    const tr = this.#track(task);
    const flows = tr.inFlows;
    if (flows !== null) {
      tr.inFlows = null;
      const log = this.#log;
      for (let i = 0; i < flows.length; i += 4) {
        log.push(
          flows[i] as number,
          flows[i + 1] as number,
          flows[i + 2] as number,
          flows[i + 3] as number,
          tr.tid,
          this.#tick(),
        );
      }
    }
    this.#open.push([tr, this.#tick(), -1]);
  }

  afterTaskStep(task: Task<unknown>): void {
    if (this.#toDescribe !== null) this.#describe(undefined);
    const open = this.#open.pop();
    if (open === undefined) return; // recording started inside this step
    const tr = open[0];
    tr.name = task.getName();
    tr.steps++;
    this.#toDescribeRecord = this.#log.length;
    this.#log.push(K_STEP, tr.tid, open[1], this.#tick(), tr.steps, open[2]);
    this.#toDescribe = task;
    this.#toDescribeTrack = tr;
    if (++this.#stepsSeen >= this.#maxSteps) {
      this.#describe(undefined);
      this.#log.push(K_STOPPED, this.#tick(), 0, 0, 0, 0);
      this.stop();
    }
  }

  taskDone(task: Task<unknown>): void {
    if (this.#toDescribe !== null) this.#describe(undefined);
    const o = outcomeOf(task);
    const text =
      o.kind === 'result' ? 'returned' : o.kind === 'cancelled' ? 'cancelled' : `failed: ${o.text}`;
    const open = this.#open[this.#open.length - 1];
    if (open === undefined || open[0] !== this.#tracks.get(task)) return;
    if (open[2] < 0) {
      this.#extras.push({});
      open[2] = this.#extras.length - 1;
    }
    (this.#extras[open[2]] as StepExtra).outcome = text;
  }

  cancelRequested(
    task: Task<unknown>,
    by: Task<unknown> | undefined,
    msg: string | undefined,
  ): void {
    if (this.#toDescribe !== null) this.#describe(undefined);
    const tr = this.#track(task);
    const byTid = by === undefined ? 0 : this.#track(by).tid;
    const m = msg === undefined ? -1 : this.#string(String(msg));
    this.#log.push(K_CANCEL, tr.tid, this.#tick(), byTid, m, 0);
  }

  beforeIdle(timeoutMs: number): void {
    if (this.#toDescribe !== null) this.#describe(undefined);
    if (timeoutMs > 0) this.#idleSince = this.#tick();
  }

  afterIdle(timeoutMs: number): void {
    if (timeoutMs > 0 && this.#idleSince >= 0) {
      const label = Number.isFinite(timeoutMs) ? `idle (timeout ${timeoutMs} ms)` : 'idle';
      this.#log.push(K_LOOP, this.#idleSince, this.#tick(), this.#string(label), 0, 0);
      this.#idleSince = -1;
    }
  }

  stop(): void {
    if (!this.#recording) return;
    this.#recording = false;
    this.#loop.removeInstrument(this);
    if (this.#toDescribe !== null) this.#describe(undefined);
    // Steps still running (stop() called from a task) end now.
    const open = this.#open.splice(0);
    for (let i = open.length - 1; i >= 0; i--) {
      const [tr, begin, extra] = open[i] as [Track, number, number];
      tr.steps++;
      this.#log.push(K_STEP, tr.tid, begin, this.#tick(), tr.steps, extra);
    }
  }

  toChromeTrace(): ChromeTrace {
    const us = (ns: number): number => ns / 1000;
    const ev: TraceEvent[] = [];
    const pid = 1;
    ev.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: 'aio event loop' } });
    ev.push({ name: 'thread_name', ph: 'M', pid, tid: 0, args: { name: 'event loop' } });
    ev.push({ name: 'thread_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: -1 } });
    const names = new Map<number, string>();
    for (const tr of this.#trackList) {
      names.set(tr.tid, tr.name);
      ev.push({
        name: 'thread_name',
        ph: 'M',
        pid,
        tid: tr.tid,
        args: { name: `${tr.name} #${tr.tid}` },
      });
      ev.push({
        name: 'thread_sort_index',
        ph: 'M',
        pid,
        tid: tr.tid,
        args: { sort_index: tr.tid },
      });
    }
    const log = this.#log;
    const ref = (tid: number): string => (tid === 0 ? 'event loop' : `${names.get(tid)} #${tid}`);
    const step = (tid: number, begin: number, end: number, n: number, extra: number): void => {
      const args: Record<string, unknown> = {
        task: ref(tid),
        step: n,
        loopTime: Math.round(begin / 1e3) / 1e3,
      };
      const x = extra >= 0 ? this.#extras[extra] : undefined;
      if (x?.outcome !== undefined) args.outcome = x.outcome;
      else if (x?.next !== undefined) args.next = x.next;
      ev.push({
        name: names.get(tid) ?? `task #${tid}`,
        cat: 'step',
        ph: 'X',
        ts: us(begin),
        dur: us(end - begin),
        pid,
        tid,
        args,
      });
    };
    for (let i = 0; i < log.length; i += REC) {
      const k = log[i] as number;
      const a = log[i + 1] as number;
      const b = log[i + 2] as number;
      const c = log[i + 3] as number;
      const d = log[i + 4] as number;
      const e = log[i + 5] as number;
      if (k === K_STEP) step(a, b, c, d, e);
      else if (k === K_WAKE || k === K_SPAWN) {
        const name = k === K_WAKE ? 'wake' : 'spawn';
        ev.push({ name, cat: 'flow', ph: 's', id: a, ts: us(c), pid, tid: b });
        ev.push({ name, cat: 'flow', ph: 'f', id: a, ts: us(e), pid, tid: d });
      } else if (k === K_LOOP) {
        ev.push({
          name: this.#strings[c] as string,
          cat: 'loop',
          ph: 'X',
          ts: us(a),
          dur: us(b - a),
          pid,
          tid: 0,
          args: { loopTime: Math.round(a / 1e3) / 1e3 },
        });
      } else if (k === K_CANCEL) {
        const args: Record<string, unknown> = { by: c === 0 ? 'a callback' : ref(c) };
        if (d >= 0) args.message = this.#strings[d];
        ev.push({
          name: 'cancel requested',
          cat: 'cancel',
          ph: 'i',
          s: 't',
          ts: us(b),
          pid,
          tid: a,
          args,
        });
      } else if (k === K_STOPPED) {
        ev.push({
          name: 'recording stopped',
          cat: 'recorder',
          ph: 'i',
          s: 'g',
          ts: us(a),
          pid,
          tid: 0,
          args: { reason: `the limit of ${this.#maxSteps} steps was reached` },
        });
      }
    }
    // Steps still running now (a snapshot taken from inside a task) end here.
    const now = this.#cursor + 1;
    for (const [tr, begin, extra] of this.#open)
      step(tr.tid, begin, Math.max(now, begin + 1), tr.steps + 1, extra);
    return { traceEvents: ev, displayTimeUnit: 'ms' };
  }

  toHtml(opts?: HtmlOptions): string {
    return renderHtml(this.toChromeTrace(), opts);
  }
}

/**
 * Starts recording what `loop` (default: the running loop) does, from now: the steps of
 * every task, who woke whom, who created whom, cancel requests, idle waits. Export it
 * with `toChromeTrace()` (Chrome Trace Event JSON for Perfetto UI and `chrome://tracing`)
 * or `toHtml()` (one self-contained page); `stop()` ends the recording.
 *
 * @throws Error when `loop` is omitted and none is running; TypeError if `loop` is not an
 * event loop or `maxSteps` is not a positive number.
 * @example
 * ```ts
 * import { createTask, currentTask, run, sleep } from '@aio/core';
 * import { recordTrace } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   currentTask()?.setName('main');
 *   const rec = recordTrace();
 *   const child = createTask(sleep(100), { name: 'child' });
 *   yield* child;
 *   rec.stop();
 *   const trace = rec.toChromeTrace();
 *   const tracks = trace.traceEvents.filter((e) => e.name === 'thread_name');
 *   console.log(tracks.map((e) => e.args?.name).join(', ')); // → event loop, main #1, child #2
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export function recordTrace(loop?: EventLoop, opts?: RecordOptions): Recorder {
  const lp = loopOf('recordTrace', loop);
  const maxSteps = opts?.maxSteps ?? DEFAULT_MAX_STEPS;
  if (typeof maxSteps !== 'number' || !(maxSteps > 0)) {
    throw new TypeError(`recordTrace(): maxSteps must be a number > 0, got ${show(maxSteps)}`);
  }
  numberTasks(lp);
  const rec = new TraceRecorder(lp, maxSteps);
  lp.addInstrument(rec);
  const running = lp.isRunning() ? currentTask(lp) : undefined;
  if (running !== undefined) rec.openCurrent(running);
  return rec;
}
