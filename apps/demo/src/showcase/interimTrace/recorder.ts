/**
 * INTERIM (until `@aio/trace` exports `recordTrace`): records a loop's tasks as
 * Chrome Trace Event JSON (what Perfetto UI and `chrome://tracing` open), built on
 * core's `Instrument` hooks and public diagnostics only.
 *
 * - a track (`thread_name`) per task, in the order the tasks appear;
 * - an `X` slice per step (`cat: 'step'`) and one per wait between two steps
 *   (`cat: 'wait'`, named after what the task waited on);
 * - flow arrows (`s` → `f`) from the step that created or woke a task to the step
 *   it started or resumed;
 * - an instant (`i`) for each cancel request, with who asked and the message.
 *
 * Timestamps are loop time (µs), so a `VirtualClock` run shows its virtual timeline
 * (steps there take no time: they are drawn as thin slices).
 *
 * @module
 */

import {
  currentTask,
  describeWait,
  type EventLoop,
  getRunningLoop,
  type Instrument,
  type Task,
} from '@aio/core';

/** One Chrome Trace Event. */
export interface TraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'M' | 's' | 'f' | 'i';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly id?: number;
  readonly bp?: 'e';
  readonly s?: 't';
  readonly args?: Record<string, unknown>;
}

/** The trace document: `{ traceEvents, displayTimeUnit }`. */
export interface ChromeTrace {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
}

/** A running recording. */
export interface InterimRecorder {
  /** Stops recording (idempotent); what was recorded stays available. */
  stop(): void;
  /** The recording as Chrome Trace Event JSON (an object: `JSON.stringify` it). */
  toChromeTrace(): ChromeTrace;
}

const PID = 1;

interface Track {
  readonly tid: number;
  readonly task: Task<unknown>;
  /** End of the last slice (µs): slices on a track never overlap. */
  end: number;
  /** The step running now: its start (µs), or -1. */
  stepStart: number;
  /** The wait since the last step: its start (µs) and what it waits on, or undefined. */
  wait: { start: number; text: string } | undefined;
  /** Flow arrows that end at this task's next step. */
  incoming: Array<{ id: number; from: Track; ts: number; why: string }>;
}

/**
 * Starts recording the tasks of `loop` (default: the running loop).
 *
 * @example
 * ```ts
 * const rec = interimRecordTrace();
 * yield* work();
 * rec.stop();
 * writeFileSync('trace.json', JSON.stringify(rec.toChromeTrace()));
 * ```
 */
export function interimRecordTrace(loop: EventLoop = getRunningLoop()): InterimRecorder {
  const tracks = new Map<Task<unknown>, Track>();
  const events: TraceEvent[] = [];
  let nextFlow = 1;
  const now = (): number => Math.round(loop.time() * 1000);
  const startedAt = now();

  const track = (task: Task<unknown>): Track => {
    let t = tracks.get(task);
    if (t === undefined) {
      t = {
        tid: tracks.size + 1,
        task,
        end: startedAt,
        stepStart: -1,
        wait: undefined,
        incoming: [],
      };
      tracks.set(task, t);
    }
    return t;
  };
  const slice = (t: Track, cat: string, name: string, start: number, end: number): void => {
    const ts = Math.max(start, t.end);
    const dur = Math.max(end - ts, 0);
    events.push({ name, cat, ph: 'X', pid: PID, tid: t.tid, ts, dur });
    t.end = ts + dur;
  };
  const closeWait = (t: Track, at: number): void => {
    if (t.wait === undefined) return;
    slice(t, 'wait', t.wait.text, t.wait.start, at);
    t.wait = undefined;
  };

  const instrument: Instrument = {
    taskCreated(task) {
      track(task);
    },
    taskScheduled(task, wokenBy) {
      const by = currentTask(loop);
      if (by === undefined || by === task) return;
      const from = track(by);
      track(task).incoming.push({
        id: nextFlow++,
        from,
        ts: now(),
        why: wokenBy === undefined ? 'starts' : 'wakes',
      });
    },
    beforeTaskStep(task) {
      const t = track(task);
      const at = now();
      closeWait(t, at);
      t.stepStart = Math.max(at, t.end);
      for (const f of t.incoming) {
        const flow = { name: f.why, cat: 'flow', id: f.id, pid: PID } as const;
        events.push({ ...flow, ph: 's', tid: f.from.tid, ts: f.ts });
        events.push({ ...flow, ph: 'f', bp: 'e', tid: t.tid, ts: t.stepStart });
      }
      t.incoming = [];
    },
    afterTaskStep(task) {
      const t = track(task);
      const at = now();
      // A step already running when the recording started is drawn from the start.
      slice(t, 'step', 'step', t.stepStart < 0 ? startedAt : t.stepStart, at);
      t.stepStart = -1;
      if (task.done()) return;
      const wait = { start: at, text: 'waiting' };
      t.wait = wait;
      // Still the current task inside this hook: ask what it waits on from the loop.
      loop.callSoon(() => {
        if (t.wait !== wait) return;
        const info = describeWait(task);
        if (info.kind !== 'ready' && info.kind !== 'running') wait.text = info.text;
      });
    },
    taskDone(task) {
      closeWait(track(task), now());
    },
    cancelRequested(task, by, msg) {
      const t = track(task);
      const args = { by: by === undefined ? '(no task)' : by.getName(), message: msg ?? '' };
      events.push({
        name: 'cancel',
        cat: 'cancel',
        ph: 'i',
        s: 't',
        pid: PID,
        tid: t.tid,
        ts: now(),
        args,
      });
    },
  };
  loop.addInstrument(instrument);
  const recording = currentTask(loop); // the task that starts the recording: the first track
  if (recording !== undefined) track(recording);

  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      loop.removeInstrument(instrument);
      const at = now();
      for (const t of tracks.values()) closeWait(t, at);
    },
    toChromeTrace() {
      const meta: TraceEvent[] = [
        { name: 'process_name', ph: 'M', pid: PID, tid: 0, args: { name: 'aio event loop' } },
      ];
      for (const t of tracks.values()) {
        meta.push({
          name: 'thread_name',
          ph: 'M',
          pid: PID,
          tid: t.tid,
          args: { name: t.task.getName() },
        });
        meta.push({
          name: 'thread_sort_index',
          ph: 'M',
          pid: PID,
          tid: t.tid,
          args: { sort_index: t.tid },
        });
      }
      return { traceEvents: meta.concat(events), displayTimeUnit: 'ms' };
    },
  };
}
