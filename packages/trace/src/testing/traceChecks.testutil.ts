/**
 * Structural checks of a Chrome Trace Event file, as Perfetto reads one: every flow has
 * both ends (one `s`, one `f`, unique ids), a flow starts strictly inside a slice of its
 * track and ends just before the next slice of its track begins (the slice it binds to),
 * slices on one track never overlap, every track has a name.
 */
import type { ChromeTrace, TraceEvent } from '../index';

/** A flow as the viewer binds it: source slice, target slice. */
export interface BoundFlow {
  id: number;
  name: string;
  from: TraceEvent;
  to: TraceEvent;
}

/** The problems found (none: an empty list), and the flows bound to their slices. */
export function checkTrace(trace: ChromeTrace): { problems: string[]; flows: BoundFlow[] } {
  const problems: string[] = [];
  const ev = trace.traceEvents;
  const named = new Set(
    ev.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.tid),
  );
  const slices = new Map<number, TraceEvent[]>();
  for (const e of ev) {
    if (e.ph !== 'M' && !named.has(e.tid)) problems.push(`tid ${e.tid} has no thread_name`);
    if (e.ph === 'X') {
      if (!(typeof e.ts === 'number' && typeof e.dur === 'number' && e.dur > 0)) {
        problems.push(`slice ${e.name} has ts ${e.ts} dur ${e.dur}`);
      }
      const list = slices.get(e.tid) ?? [];
      list.push(e);
      slices.set(e.tid, list);
    }
  }
  for (const [tid, list] of slices) {
    list.sort((a, b) => (a.ts as number) - (b.ts as number));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1] as TraceEvent;
      const cur = list[i] as TraceEvent;
      if ((cur.ts as number) < (prev.ts as number) + (prev.dur as number)) {
        problems.push(`tid ${tid}: slice at ${cur.ts} overlaps the one at ${prev.ts}`);
      }
    }
  }
  const inside = (tid: number, ts: number): TraceEvent | undefined =>
    (slices.get(tid) ?? []).find(
      (s) => (s.ts as number) < ts && ts < (s.ts as number) + (s.dur as number),
    );
  const next = (tid: number, ts: number): TraceEvent | undefined =>
    (slices.get(tid) ?? []).find((s) => (s.ts as number) > ts);
  const starts = new Map<number, TraceEvent>();
  const ends = new Map<number, TraceEvent>();
  for (const e of ev) {
    if (e.ph !== 's' && e.ph !== 'f') continue;
    const map = e.ph === 's' ? starts : ends;
    if (typeof e.id !== 'number') problems.push(`flow ${e.ph} without an id`);
    else if (map.has(e.id)) problems.push(`flow id ${e.id} has two '${e.ph}' events`);
    else map.set(e.id, e);
  }
  const flows: BoundFlow[] = [];
  for (const [id, s] of starts) {
    const f = ends.get(id);
    if (f === undefined) {
      problems.push(`flow ${id} has no end`);
      continue;
    }
    if (f.name !== s.name || f.cat !== s.cat) problems.push(`flow ${id}: ends differ in name/cat`);
    const from = inside(s.tid, s.ts as number);
    const to = next(f.tid, f.ts as number);
    if (from === undefined) problems.push(`flow ${id} starts outside any slice of tid ${s.tid}`);
    if (to === undefined) problems.push(`flow ${id} ends after the last slice of tid ${f.tid}`);
    if (inside(f.tid, f.ts as number) !== undefined) {
      problems.push(`flow ${id} ends inside a slice (it must end just before its target)`);
    }
    if (from !== undefined && to !== undefined) flows.push({ id, name: s.name, from, to });
  }
  for (const id of ends.keys()) if (!starts.has(id)) problems.push(`flow ${id} has no start`);
  return { problems, flows };
}
