/**
 * The Chrome Trace Event file of a recording: what `Recorder.toChromeTrace()` returns,
 * read from the recorder's log (its layout: traceLog.ts).
 *
 * @internal
 * @module
 */

import {
  K_CANCEL,
  K_LOOP,
  K_SPAWN,
  K_STEP,
  K_STOPPED,
  K_WAKE,
  type NumberLog,
  REC,
} from './traceLog';
import type { ChromeTrace, TraceEvent } from './traceTypes';

/** @internal What the export reads of a recorder (its fields, not copied). */
export interface RecordingView {
  readonly log: NumberLog;
  readonly strings: readonly string[];
  /** By track id: the task's name, and its steps recorded so far. */
  readonly names: readonly string[];
  readonly steps: readonly number[];
  /** Track ids in the order first seen. */
  readonly order: readonly number[];
  /** The steps running now: track, begin, text (see traceLog.ts). */
  readonly openTid: readonly number[];
  readonly openBegin: readonly number[];
  readonly openText: readonly number[];
  /** The last moment recorded (ns). */
  readonly cursor: number;
  readonly maxSteps: number;
}

/** @internal The trace of a recording (see the module comment). */
export function exportChromeTrace(r: RecordingView): ChromeTrace {
  const us = (ns: number): number => ns / 1000;
  const ev: TraceEvent[] = [];
  const pid = 1;
  ev.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: 'aio event loop' } });
  ev.push({ name: 'thread_name', ph: 'M', pid, tid: 0, args: { name: 'event loop' } });
  ev.push({ name: 'thread_sort_index', ph: 'M', pid, tid: 0, args: { sort_index: -1 } });
  const names = r.names;
  for (const tid of r.order) {
    ev.push({
      name: 'thread_name',
      ph: 'M',
      pid,
      tid,
      args: { name: `${names[tid]} #${tid}` },
    });
    ev.push({ name: 'thread_sort_index', ph: 'M', pid, tid, args: { sort_index: tid } });
  }
  const log = r.log;
  const strings = r.strings;
  const ref = (tid: number): string => (tid === 0 ? 'event loop' : `${names[tid]} #${tid}`);
  const step = (tid: number, begin: number, end: number, n: number, text: number): void => {
    const args: Record<string, unknown> = {
      task: ref(tid),
      step: n,
      loopTime: Math.round(begin / 1e3) / 1e3,
    };
    if (text >= 0) args.next = strings[text];
    else if (text <= -2) args.outcome = strings[-text - 2];
    ev.push({
      name: names[tid] as string,
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
    const k = log.get(i);
    const a = log.get(i + 1);
    const b = log.get(i + 2);
    const c = log.get(i + 3);
    const d = log.get(i + 4);
    const e = log.get(i + 5);
    if (k === K_STEP) step(a, b, c, d, e);
    else if (k === K_WAKE || k === K_SPAWN) {
      const name = k === K_WAKE ? 'wake' : 'spawn';
      ev.push({ name, cat: 'flow', ph: 's', id: a, ts: us(c), pid, tid: b });
      ev.push({ name, cat: 'flow', ph: 'f', id: a, ts: us(e), pid, tid: d });
    } else if (k === K_LOOP) {
      ev.push({
        name: strings[c] as string,
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
      if (d >= 0) args.message = strings[d];
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
        args: { reason: `the limit of ${r.maxSteps} steps was reached` },
      });
    }
  }
  // Steps still running now (a snapshot taken from inside a task) end here.
  const now = r.cursor + 1;
  for (let i = 0; i < r.openTid.length; i++) {
    const tid = r.openTid[i] as number;
    const begin = r.openBegin[i] as number;
    step(
      tid,
      begin,
      Math.max(now, begin + 1),
      (r.steps[tid] as number) + 1,
      r.openText[i] as number,
    );
  }
  return { traceEvents: ev, displayTimeUnit: 'ms' };
}
