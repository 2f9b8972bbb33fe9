/**
 * A fuzzing campaign: generate programs from a seed, run each on CPython (the
 * oracle process) and on aio (in this process), compare the traces, and shrink
 * the divergent ones.
 *
 * @module
 */

import { setImmediate as yieldToHost } from 'node:timers/promises';
import { type GenerateOptions, generateProgram, programSeed } from './generate';
import { type Mutation, type RunMode, runProgramOnAio, runProgramOnAioAsync } from './interpret';
import { minimise } from './minimise';
import type { Oracle } from './oracle';
import type { Program } from './program';
import { divergenceSignature, sameTrace } from './traces';

/** A program whose traces differ. */
export interface Divergence {
  /** The run's seed and the program's index in the run (`--seed S --index I` replays it). */
  readonly seed: string;
  readonly index: number;
  readonly program: Program;
  readonly python: string[];
  readonly aio: string[];
  /** How the traces first differ, blurred (groups divergences of one kind). */
  readonly signature: string;
  /** Which aio entry point gave `aio` (default `sync`: runSync). */
  readonly mode?: RunMode;
}

/** Options of {@link runCampaign}. */
export interface CampaignOptions {
  readonly oracle: Oracle;
  readonly seed: string;
  /** Stop after this many programs (default: no limit, then `seconds` must be set). */
  readonly count?: number;
  /** Stop after this much wall time, in seconds (default: no limit). */
  readonly seconds?: number;
  /** The first program index (default 0): `--index` runs one program of a run. */
  readonly start?: number;
  readonly generate?: GenerateOptions;
  /**
   * Which aio entry points to check: `sync` (`runSync`, the default), `async`
   * (`run()`, for the programs that do not deadlock), or `both`.
   */
  readonly mode?: RunMode | 'both';
  /** A deliberate mistake in the aio interpreter (the fuzzer's own tests). */
  readonly mutation?: Mutation;
  /** Called now and then with the number of programs done. */
  readonly onProgress?: (done: number, divergent: number) => void;
}

/** What a campaign found. */
export interface CampaignResult {
  readonly programs: number;
  readonly seconds: number;
  readonly divergences: Divergence[];
  /** How the programs ended on CPython: `result`, `raised`, `deadlock`, `runaway`. */
  readonly outcomes: Record<string, number>;
}

const BATCH = 48;
const CHUNK = 8;

/**
 * Runs programs `start`, `start + 1`, ... of `seed` until `count` programs or
 * `seconds` have passed. The oracle works on one batch while aio runs the
 * previous one, so both cores are busy.
 */
export async function runCampaign(opts: CampaignOptions): Promise<CampaignResult> {
  const { oracle, seed } = opts;
  if (opts.count === undefined && opts.seconds === undefined) {
    throw new TypeError('runCampaign: give a count or a time budget (seconds)');
  }
  const start = opts.start ?? 0;
  const end = opts.count === undefined ? Number.POSITIVE_INFINITY : start + opts.count;
  const deadline =
    opts.seconds === undefined ? Number.POSITIVE_INFINITY : performance.now() + opts.seconds * 1000;
  const began = performance.now();
  const divergences: Divergence[] = [];
  const outcomes: Record<string, number> = {};
  let next = start;
  let done = 0;

  type Batch = { first: number; programs: Program[]; python: Promise<string[]>[] };
  const submit = (): Batch | null => {
    if (next >= end || performance.now() >= deadline) return null;
    const first = next;
    const programs: Program[] = [];
    while (programs.length < BATCH && next < end) {
      programs.push(generateProgram(programSeed(seed, next), opts.generate));
      next++;
    }
    return { first, programs, python: programs.map((p) => oracle.trace(p)) };
  };

  let current = submit();
  while (current !== null) {
    const following = submit();
    const aio: string[][] = [];
    for (let i = 0; i < current.programs.length; i++) {
      aio.push(runProgramOnAio(current.programs[i]!, opts.mutation));
      // Let the oracle's answers in (its pipe must not fill up while aio runs).
      if (i % CHUNK === CHUNK - 1) await yieldToHost();
    }
    const python = await Promise.all(current.python);
    const mode = opts.mode ?? 'sync';
    for (let i = 0; i < python.length; i++) {
      const py = python[i]!;
      const last = py[py.length - 1] ?? '';
      const outcome = last.split(' ')[0] ?? '';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const program = current.programs[i]!;
      const index = current.first + i;
      if (mode !== 'async' && !sameTrace(py, aio[i]!)) {
        const signature = divergenceSignature(py, aio[i]!);
        divergences.push({ seed, index, program, python: py, aio: aio[i]!, signature });
      }
      if (mode !== 'sync' && last !== 'deadlock') {
        const trace = await runProgramOnAioAsync(program, opts.mutation);
        if (!sameTrace(py, trace)) {
          const signature = `run(): ${divergenceSignature(py, trace)}`;
          divergences.push({
            seed,
            index,
            program,
            python: py,
            aio: trace,
            signature,
            mode: 'async',
          });
        }
      }
    }
    done += python.length;
    opts.onProgress?.(done, divergences.length);
    current = following;
  }
  return { programs: done, seconds: (performance.now() - began) / 1000, divergences, outcomes };
}

/** aio's trace of `program` with the given entry point. */
export function aioTrace(program: Program, mode: RunMode = 'sync'): Promise<string[]> {
  return mode === 'sync'
    ? Promise.resolve(runProgramOnAio(program))
    : runProgramOnAioAsync(program);
}

/** Whether `program` diverges: CPython's and aio's traces differ. */
export async function diverges(
  oracle: Oracle,
  program: Program,
  mode: RunMode = 'sync',
): Promise<boolean> {
  const python = await oracle.trace(program);
  return !sameTrace(python, await aioTrace(program, mode));
}

/** Shrinks a divergent program with the oracle; returns the minimised divergence. */
export async function minimiseDivergence(
  oracle: Oracle,
  d: Divergence,
  limits: { maxChecks?: number; until?: number } = {},
): Promise<Divergence & { checks: number }> {
  const { program, checks } = await minimise(
    d.program,
    async (cands) => {
      const python = await Promise.all(cands.map((c) => oracle.trace(c)));
      const verdicts: boolean[] = [];
      for (let i = 0; i < cands.length; i++) {
        // A candidate that deadlocks cannot be run with run(): it does not count.
        if (d.mode === 'async' && python[i]![python[i]!.length - 1] === 'deadlock') {
          verdicts.push(false);
          continue;
        }
        verdicts.push(!sameTrace(python[i]!, await aioTrace(cands[i]!, d.mode)));
      }
      return verdicts;
    },
    limits,
  );
  const python = await oracle.trace(program);
  const aio = await aioTrace(program, d.mode);
  return { ...d, program, python, aio, signature: divergenceSignature(python, aio), checks };
}
