/**
 * Shrinks a divergent program while it stays divergent: greedy delta debugging
 * over the program tree (remove runs of ops, single ops, children, objects;
 * replace a block by its body; simplify fields such as times and messages).
 *
 * @module
 */

import type { Op, Program } from './program';
import { nestedLists, programSize } from './program';

/** Tells, for each candidate, whether it still diverges (in order). */
export type DivergenceCheck = (candidates: readonly Program[]) => Promise<boolean[]>;

/** Options of {@link minimise}. */
export interface MinimiseOptions {
  /** Candidates checked per call of `check` (default 12). */
  readonly batch?: number;
  /** Stop after this many candidates checked (default 5000). */
  readonly maxChecks?: number;
  /** Stop at this `performance.now()` time (default: no limit). */
  readonly until?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type AnyOp = Mutable<Op> & Record<string, unknown>;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A measure that every accepted edit makes smaller (so minimising ends). */
export function complexity(p: Program): number {
  let numbers = 0;
  JSON.stringify(p, (_k, v: unknown) => {
    if (typeof v === 'number') numbers += v;
    return v;
  });
  return programSize(p) * 1_000_000 + JSON.stringify(p).length * 1000 + numbers;
}

/** Every op list of a program (depth first), as live arrays of `p`. */
function opLists(p: Program): Op[][] {
  const lists: Op[][] = [];
  const stack: Op[][] = [p.main as Op[]];
  while (stack.length > 0) {
    const list = stack.pop()!;
    lists.push(list);
    for (let i = list.length - 1; i >= 0; i--) {
      const nested = nestedLists(list[i]!);
      for (let k = nested.length - 1; k >= 0; k--) stack.push(nested[k] as Op[]);
    }
  }
  return lists;
}

/** Names an op refers to (targets, refs, wait targets). */
function referencedNames(p: Program): Set<string> {
  const names = new Set<string>();
  JSON.stringify(p.main, (k, v: unknown) => {
    if ((k === 'target' || k === 'ref') && typeof v === 'string') names.add(v);
    if (k === 'targets' && Array.isArray(v)) for (const t of v) names.add(String(t));
    return v;
  });
  return names;
}

/** One edit of `p`: returns the edited copy, or null when it does not apply. */
type Edit = (p: Program) => Program | null;

function* edits(p: Program): Generator<Edit> {
  // Unused objects first: cheap and always safe.
  const used = referencedNames(p);
  for (let j = 0; j < p.objects.length; j++) {
    if (!used.has(p.objects[j]!.name)) {
      yield (q) => ({ ...q, objects: q.objects.filter((_, i) => i !== j) });
    }
  }
  const count = opLists(p).length;
  // Runs of ops, halves first (ddmin), then single ops.
  for (let k = 0; k < count; k++) {
    const len = opLists(p)[k]!.length;
    for (let size = len >> 1; size >= 2; size >>= 1) {
      for (let start = 0; start + size <= len; start += size) {
        yield (q) => {
          const list = opLists(q)[k]!;
          list.splice(start, size);
          return q;
        };
      }
    }
  }
  for (let k = 0; k < count; k++) {
    const len = opLists(p)[k]!.length;
    for (let i = 0; i < len; i++) {
      yield (q) => {
        opLists(q)[k]!.splice(i, 1);
        return q;
      };
    }
  }
  // Blocks replaced by one of their bodies; fields simplified.
  for (let k = 0; k < count; k++) {
    const list = opLists(p)[k]!;
    for (let i = 0; i < list.length; i++) {
      const op = list[i] as AnyOp;
      const nestedCount = nestedLists(op).length;
      for (let n = 0; n < nestedCount; n++) {
        yield (q) => {
          const ql = opLists(q)[k]!;
          const body = nestedLists(ql[i]!)[n]!;
          ql.splice(i, 1, ...body);
          return q;
        };
      }
      for (const simplify of simplifications(op)) {
        yield (q) => {
          const target = opLists(q)[k]![i] as AnyOp;
          return simplify(target) ? q : null;
        };
      }
    }
  }
}

/** Field simplifications of one op; each returns false when it does not apply. */
function simplifications(op: AnyOp): ((o: AnyOp) => boolean)[] {
  const out: ((o: AnyOp) => boolean)[] = [];
  const setIf = (key: string, value: unknown, when: (v: unknown) => boolean): void => {
    if (when(op[key])) {
      out.push((o) => {
        o[key] = value;
        return true;
      });
    }
  };
  if ('msg' in op && (op.op === 'cancel' || op.op === 'futCancel')) {
    out.push((o) => {
      delete o.msg;
      return true;
    });
  }
  const positive = (v: unknown): boolean => typeof v === 'number' && v > 0;
  const aboveOne = (v: unknown): boolean => typeof v === 'number' && v > 1;
  if (op.op === 'sleep' || op.op === 'callLater') {
    setIf('ms', 0, positive);
    setIf('ms', 1, aboveOne);
  }
  if (op.op === 'timeout' || op.op === 'reschedule') {
    setIf('ms', 0, positive);
    setIf('ms', 1, aboveOne);
  }
  if (op.op === 'waitFor' || op.op === 'wait' || op.op === 'asCompleted') {
    setIf('timeout', 0, positive);
    setIf('timeout', 1, aboveOne);
  }
  if (op.op === 'repeat') setIf('n', 1, aboveOne);
  if (op.op === 'try') {
    setIf('finally', null, (v) => v !== null);
    setIf('handler', [], (v) => Array.isArray(v) && v.length > 0);
    setIf('reraise', false, (v) => v === true);
    setIf('uncancel', false, (v) => v === true);
  }
  if (op.op === 'gather' || op.op === 'asCompleted') {
    const children = op.children as unknown[];
    for (let j = 0; j < children.length && children.length > 1; j++) {
      out.push((o) => {
        (o.children as unknown[]).splice(j, 1);
        return true;
      });
    }
  }
  if (op.op === 'wait') {
    const targets = op.targets as unknown[];
    for (let j = 0; j < targets.length && targets.length > 1; j++) {
      out.push((o) => {
        (o.targets as unknown[]).splice(j, 1);
        return true;
      });
    }
  }
  return out;
}

/**
 * Shrinks `program` while `check` says it still diverges. Returns the smallest
 * program found (the input itself if nothing smaller diverges) and how many
 * candidates were checked.
 *
 * @example
 * ```ts
 * const { program } = await minimise(p, async (cands) => cands.map(diverges));
 * ```
 */
export async function minimise(
  program: Program,
  check: DivergenceCheck,
  opts: MinimiseOptions = {},
): Promise<{ program: Program; checks: number }> {
  const batch = opts.batch ?? 12;
  const maxChecks = opts.maxChecks ?? 5000;
  const until = opts.until ?? Number.POSITIVE_INFINITY;
  const over = (): boolean => checks >= maxChecks || performance.now() >= until;
  let current = clone(program);
  let score = complexity(current);
  let checks = 0;
  for (;;) {
    let improved = false;
    let pending: Program[] = [];
    const flush = async (): Promise<boolean> => {
      if (pending.length === 0) return false;
      const verdicts = await check(pending);
      checks += pending.length;
      const i = verdicts.indexOf(true);
      if (i >= 0) {
        current = pending[i]!;
        score = complexity(current);
        pending = [];
        return true;
      }
      pending = [];
      return false;
    };
    for (const edit of edits(current)) {
      if (over()) break;
      const candidate = edit(clone(current));
      if (candidate === null) continue;
      if (complexity(candidate) >= score) continue;
      pending.push(candidate);
      if (pending.length >= batch && (await flush())) {
        improved = true;
        break;
      }
    }
    if (!improved && !over() && (await flush())) improved = true;
    if (!improved || over()) break;
  }
  return { program: current, checks };
}
