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
import type { ChromeTrace, HtmlOptions, Recorder, RecordOptions } from './traceTypes';
import { outcomeOf } from './outcome';
import { exportChromeTrace } from './chromeTrace';
import { K_CANCEL, K_LOOP, K_SPAWN, K_STEP, K_STOPPED, K_WAKE, NumberLog } from './traceLog';
import { ReadyMirror } from './readyMirror';
import { idOf, numberTasks } from './records';
import { show } from './show';
import { loopOf } from './tracker';

const DEFAULT_MAX_STEPS = 1_000_000;
const READY = 'ready to run';

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

/**
 * @internal The recorder (see the module comment).
 *
 * Hot-path layout: everything about a track lives in arrays indexed by the task's id
 * (ids are small per-loop integers), so a hook costs one property read (the id, in a symbol-keyed slot of the task) and
 * allocates nothing but log entries; consecutive hooks of one task skip even that. Arrows
 * waiting for their target's next step are two slots per track. Step texts
 * are interned strings: a step record holds `i ≥ 0` for "what it waits on next" or
 * `-(i + 2)` for its outcome (`-1`: none).
 */
export class TraceRecorder implements Instrument, Recorder {
  readonly name = '@aio/trace recorder';
  readonly #loop: EventLoop;
  readonly #maxSteps: number;
  readonly #log = new NumberLog();
  readonly #strings: string[] = [];
  readonly #interned = new Map<string, number>();
  // Per track, by id: name, steps so far, what it waited on after its last step.
  readonly #names: string[] = [];
  readonly #steps: number[] = [];
  readonly #waitText: string[] = [];
  readonly #waitKind: string[] = [];
  readonly #waitFuture: Array<Future<unknown> | undefined> = [];
  /** Track ids in the order first seen. */
  readonly #order: number[] = [];
  // Arrows waiting for the task's next step, by id: where from (a track id, -1: none)
  // and when. A task is on the ready queue at most once, so one wake-up is pending at a
  // time; a spawn arrow only ever ends at a first step.
  readonly #spawnFrom: number[] = [];
  readonly #spawnAt: number[] = [];
  readonly #wakeFrom: number[] = [];
  readonly #wakeAt: number[] = [];
  // The steps running now (eager starts nest): track, begin, text.
  readonly #openTid: number[] = [];
  readonly #openBegin: number[] = [];
  readonly #openText: number[] = [];
  #cursor = -1;
  #nextFlow = 1;
  #stepsSeen = 0;
  #recording = true;
  #idleSince = -1;
  // One-entry caches of task → id: the task of the last lookup, and the task whose step
  // runs (the parent, the waker: looked up between lookups of other tasks).
  #lastTask: Task<unknown> | null = null;
  #lastTid = 0;
  #curTask: Task<unknown> | null = null;
  #curTid = 0;
  /** The loop's ready queue, mirrored: a step finds its task's id without a lookup. */
  readonly #ready = new ReadyMirror();
  /** The task that scheduled itself (a bare yield) in the step that just ended. */
  #selfScheduled: Task<unknown> | null = null;
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

  #intern(s: string): number {
    let i = this.#interned.get(s);
    if (i === undefined) {
      i = this.#strings.length;
      this.#strings.push(s);
      this.#interned.set(s, i);
    }
    return i;
  }

  /** The track id of `task`, its track made on first sight. */
  #tid(task: Task<unknown>): number {
    if (task === this.#lastTask) return this.#lastTid;
    if (task === this.#curTask) return this.#curTid;
    const id = idOf(task);
    if (this.#steps[id] === undefined) {
      this.#steps[id] = 0;
      this.#names[id] = task.getName();
      this.#waitText[id] = '';
      this.#waitKind[id] = '';
      this.#spawnFrom[id] = -1;
      this.#spawnAt[id] = 0;
      this.#wakeFrom[id] = -1;
      this.#wakeAt[id] = 0;
      this.#order.push(id);
    }
    this.#lastTask = task;
    this.#lastTid = id;
    return id;
  }

  /**
   * Describes what `task` waits on now that its step (logged at `record`) has ended: its
   * outcome says it all when it is done; a bare yield made it ready; otherwise core's
   * `describeWait`, which after a step names the future the task is suspended on.
   */
  #describe(task: Task<unknown>, tid: number, record: number): void {
    let text: string;
    if (task.done()) {
      text = '';
      this.#waitFuture[tid] = undefined;
    } else if (task === this.#selfScheduled) {
      text = READY;
      this.#waitFuture[tid] = undefined;
      this.#waitKind[tid] = 'ready';
    } else {
      const w = describeWait(task);
      text = w.text;
      this.#waitFuture[tid] = w.future;
      this.#waitKind[tid] = w.kind;
    }
    this.#selfScheduled = null;
    this.#waitText[tid] = text;
    if (text !== '' && this.#log.get(record + 5) === -1) {
      this.#log.set(record + 5, this.#intern(text));
    }
  }

  /** Recording starts inside a step of `task`: that step is open from now. */
  openCurrent(task: Task<unknown>): void {
    const tid = this.#tid(task);
    this.#curTask = task;
    this.#curTid = tid;
    this.#openTid.push(tid);
    this.#openBegin.push(this.#tick());
    this.#openText.push(-1);
  }

  taskCreated(task: Task<unknown>, parent: Task<unknown> | undefined): void {
    const source = parent === undefined ? -1 : this.#tid(parent);
    const tid = this.#tid(task);
    if (source >= 0) {
      this.#spawnFrom[tid] = source;
      this.#spawnAt[tid] = this.#tick();
    }
  }

  taskScheduled(task: Task<unknown>, wokenBy: Future<unknown> | undefined): void {
    const by = currentTask(this.#loop);
    if (by === task) {
      // A bare yield (or a step scheduled from its own step): no arrow to itself.
      this.#selfScheduled = task;
      this.#ready.push(task, this.#tid(task));
      return;
    }
    const tid = this.#tid(task);
    this.#ready.push(task, tid);
    if (this.#steps[tid] === 0 && wokenBy === undefined) return; // first step: spawn arrow
    if (by !== undefined) {
      const source = by === this.#curTask ? this.#curTid : this.#tid(by);
      this.#wakeFrom[tid] = source;
      this.#wakeAt[tid] = this.#tick();
      return;
    }
    // A callback completed what the task awaited: draw it on the event loop track.
    const log = this.#log;
    let at: number;
    if (
      wokenBy !== undefined &&
      wokenBy === this.#lastWakeFuture &&
      log.get(this.#lastWakeRecord + 2) === this.#cursor
    ) {
      at = this.#tick();
      log.set(this.#lastWakeRecord + 2, this.#tick());
    } else {
      const text = this.#waitText[tid] as string;
      const kind = this.#waitKind[tid] as string;
      const label =
        this.#waitFuture[tid] === wokenBy && text !== '' && kind !== 'future'
          ? wakeLabel(kind, text)
          : `callback (${wokenBy === undefined ? 'wake-up' : String(wokenBy)})`;
      const begin = this.#tick();
      at = this.#tick();
      this.#lastWakeRecord = log.length;
      this.#lastWakeFuture = wokenBy;
      log.push(K_LOOP, begin, this.#tick(), this.#intern(label), 0, 0);
    }
    this.#wakeFrom[tid] = 0;
    this.#wakeAt[tid] = at;
  }

  beforeTaskStep(task: Task<unknown>): void {
    let tid = this.#ready.take(task);
    if (tid < 0) tid = this.#tid(task);
    const spawn = this.#spawnFrom[tid] as number;
    if (spawn >= 0) {
      this.#spawnFrom[tid] = -1;
      this.#log.push(
        K_SPAWN,
        this.#nextFlow++,
        spawn,
        this.#spawnAt[tid] as number,
        tid,
        this.#tick(),
      );
    }
    const wake = this.#wakeFrom[tid] as number;
    if (wake >= 0) {
      this.#wakeFrom[tid] = -1;
      this.#log.push(
        K_WAKE,
        this.#nextFlow++,
        wake,
        this.#wakeAt[tid] as number,
        tid,
        this.#tick(),
      );
    }
    this.#openTid.push(tid);
    this.#openBegin.push(this.#tick());
    this.#openText.push(-1);
    this.#curTask = task;
    this.#curTid = tid;
  }

  afterTaskStep(task: Task<unknown>): void {
    const tid = this.#openTid.pop();
    if (tid === undefined) return; // recording started inside this step
    const begin = this.#openBegin.pop() as number;
    const text = this.#openText.pop() as number;
    const steps = (this.#steps[tid] as number) + 1;
    this.#steps[tid] = steps;
    const record = this.#log.length;
    this.#log.push(K_STEP, tid, begin, this.#tick(), steps, text);
    this.#describe(task, tid, record);
    if (++this.#stepsSeen >= this.#maxSteps) {
      this.#log.push(K_STOPPED, this.#tick(), 0, 0, 0, 0);
      this.stop();
    }
  }

  taskDone(task: Task<unknown>): void {
    const tid = this.#tid(task);
    this.#names[tid] = task.getName();
    const depth = this.#openTid.length - 1;
    if (depth < 0 || this.#openTid[depth] !== tid) return;
    const o = outcomeOf(task);
    const text =
      o.kind === 'result' ? 'returned' : o.kind === 'cancelled' ? 'cancelled' : `failed: ${o.text}`;
    this.#openText[depth] = -(this.#intern(text) + 2);
  }

  cancelRequested(
    task: Task<unknown>,
    by: Task<unknown> | undefined,
    msg: string | undefined,
  ): void {
    const tid = this.#tid(task);
    const byTid = by === undefined ? 0 : this.#tid(by);
    const m = msg === undefined ? -1 : this.#intern(String(msg));
    this.#log.push(K_CANCEL, tid, this.#tick(), byTid, m, 0);
  }

  beforeIdle(timeoutMs: number): void {
    if (timeoutMs > 0) this.#idleSince = this.#tick();
  }

  afterIdle(timeoutMs: number): void {
    if (timeoutMs > 0 && this.#idleSince >= 0) {
      const label = Number.isFinite(timeoutMs) ? `idle (timeout ${timeoutMs} ms)` : 'idle';
      this.#log.push(K_LOOP, this.#idleSince, this.#tick(), this.#intern(label), 0, 0);
      this.#idleSince = -1;
    }
  }

  stop(): void {
    if (!this.#recording) return;
    this.#recording = false;
    this.#loop.removeInstrument(this);
    // Steps still running (stop() called from a task) end now, innermost first.
    while (this.#openTid.length > 0) {
      const tid = this.#openTid.pop() as number;
      const steps = (this.#steps[tid] as number) + 1;
      this.#steps[tid] = steps;
      this.#log.push(
        K_STEP,
        tid,
        this.#openBegin.pop() as number,
        this.#tick(),
        steps,
        this.#openText.pop() as number,
      );
    }
    this.#lastTask = null;
    this.#curTask = null;
    this.#ready.clear();
  }

  toChromeTrace(): ChromeTrace {
    return exportChromeTrace({
      log: this.#log,
      strings: this.#strings,
      names: this.#names,
      order: this.#order,
      steps: this.#steps,
      openTid: this.#openTid,
      openBegin: this.#openBegin,
      openText: this.#openText,
      cursor: this.#cursor,
      maxSteps: this.#maxSteps,
    });
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
