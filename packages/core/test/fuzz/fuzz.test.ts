/**
 * Tests of the differential fuzzer itself: the generator, the minimiser, the
 * trace diff, the two interpreters against each other, and that a deliberately
 * wrong aio semantic is caught.
 */

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCampaign } from './campaign';
import { generateProgram, programSeed } from './generate';
import { runProgramOnAio, runProgramOnAioAsync } from './interpret';
import { minimise } from './minimise';
import { findOracle, Oracle } from './oracle';
import type { Op, Program } from './program';
import { nestedLists, programSize, SYNC_OPS, validateProgram, walkOps } from './program';
import { diffTraces, divergenceSignature, sameTrace } from './traces';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..', '..');

describe('the program generator', () => {
  it('gives the same program for the same seed', () => {
    for (let i = 0; i < 50; i++) {
      const seed = programSeed('determinism', i);
      expect(generateProgram(seed)).toEqual(generateProgram(seed));
    }
  });

  it('gives different programs for different seeds', () => {
    const texts = new Set<string>();
    for (let i = 0; i < 50; i++) texts.add(JSON.stringify(generateProgram(programSeed('x', i))));
    expect(texts.size).toBe(50);
  });

  it('makes well-formed, bounded programs whose callbacks never await', () => {
    for (let i = 0; i < 500; i++) {
      const p = generateProgram(programSeed('bounds', i));
      expect(() => validateProgram(JSON.parse(JSON.stringify(p)))).not.toThrow();
      // maxOps 40 is a budget checked per op; a template adds a handful more.
      expect(programSize(p)).toBeLessThanOrEqual(90);
      const spawned: string[] = [];
      walkOps(p.main, (op) => {
        if (op.op === 'spawn' || op.op === 'tgSpawn') spawned.push(op.task);
        if (op.op === 'callSoon' || op.op === 'callLater' || op.op === 'futCallback') {
          // Its own ops (a task it spawns may await: that body is checked as a task's).
          for (const inner of op.ops) expect(SYNC_OPS.has(inner.op)).toBe(true);
        }
      });
      expect(spawned.length).toBeLessThanOrEqual(8);
      expect(new Set(spawned).size).toBe(spawned.length); // task names are unique
    }
  });

  it('never lets a task await itself', () => {
    // The ops a task runs itself: not those of the tasks and callbacks it starts.
    const ownOps = (ops: readonly Op[], visit: (op: Op) => void): void => {
      for (const op of ops) {
        visit(op);
        if (op.op === 'spawn' || op.op === 'tgSpawn') continue;
        if (op.op === 'callSoon' || op.op === 'callLater' || op.op === 'futCallback') continue;
        for (const list of nestedLists(op)) ownOps(list, visit);
      }
    };
    const awaitsItself = (ops: readonly Op[], self: string): boolean => {
      let found = false;
      ownOps(ops, (op) => {
        if (op.op === 'await' && op.target === self) found = true;
        if (op.op === 'waitFor' || op.op === 'shield') {
          if ('ref' in op.child && op.child.ref === self) found = true;
        }
      });
      return found;
    };
    for (let i = 0; i < 300; i++) {
      const p = generateProgram(programSeed('self', i));
      expect(awaitsItself(p.main, 'main')).toBe(false);
      walkOps(p.main, (op) => {
        if (op.op === 'spawn' || op.op === 'tgSpawn') {
          expect(awaitsItself(op.body, op.task)).toBe(false);
        }
      });
    }
  });
});

describe('validateProgram', () => {
  it('names the place and the problem of a malformed program', () => {
    expect(() => validateProgram({ objects: [], main: [{ op: 'nap' }] })).toThrow(
      'program.main[0]: unknown op "nap"',
    );
    expect(() =>
      validateProgram({
        objects: [],
        main: [{ op: 'callSoon', label: 'cb', ops: [{ op: 'sleep', ms: 1 }] }],
      }),
    ).toThrow('program.main[0].ops[0]: op sleep awaits and cannot run in a callback');
    expect(() => validateProgram({ objects: [], main: [{ op: 'sleep', ms: -1 }] })).toThrow(
      'program.main[0].ms: expected an integer >= 0, got -1',
    );
  });
});

describe('the trace diff', () => {
  it('marks lines only CPython printed with - and lines only aio printed with +', () => {
    expect(diffTraces(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual(['  a', '- b', '  c', '+ d']);
    expect(sameTrace(['a'], ['a'])).toBe(true);
    expect(sameTrace(['a'], ['a', 'b'])).toBe(false);
  });

  it('blurs times, names and numbers in the signature of a divergence', () => {
    expect(divergenceSignature(['1 t3 sleep 5 -> ok'], ['1 t4 sleep 7 -> CancelledError()'])).toBe(
      'CPython: t# sleep # -> ok | aio: t# sleep # -> CancelledError()',
    );
  });
});

describe('the minimiser', () => {
  it('shrinks a synthetic divergence to the op that causes it', async () => {
    // "Divergent" here: the program raises Oops somewhere.
    const hasOops = (p: Program): boolean => {
      let found = false;
      walkOps(p.main, (op) => {
        if (op.op === 'raise' && op.error === 'Oops') found = true;
      });
      return found;
    };
    let program: Program | undefined;
    for (let i = 0; program === undefined; i++) {
      const p = generateProgram(programSeed('minimise', i));
      if (hasOops(p) && programSize(p) > 20) program = p;
    }
    const { program: small } = await minimise(program, async (cands) => cands.map(hasOops));
    expect(small.objects).toEqual([]);
    expect(small.main).toEqual([{ op: 'raise', error: 'Oops', msg: expect.any(String) }]);
  });
});

describe('aio entry points', () => {
  it('gives the same trace with run() as with runSync()', async () => {
    let compared = 0;
    for (let i = 0; compared < 60; i++) {
      const p = generateProgram(programSeed('modes', i));
      const sync = runProgramOnAio(p);
      if (sync[sync.length - 1] === 'deadlock') continue; // run() would wait forever
      expect(await runProgramOnAioAsync(p)).toEqual(sync);
      compared++;
    }
  });
});

describe('pnpm fuzz without CPython 3.13', () => {
  it('says so in one line and exits 0', () => {
    const out = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(HERE, 'cli.ts')],
      {
        encoding: 'utf8',
        env: { ...process.env, AIO_PYTHON: join(HERE, 'no-such-python') },
        timeout: 60_000,
      },
    );
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      'fuzz: skipped, no CPython >= 3.13 found (set AIO_PYTHON to one)',
    ]);
  });
});

describe('aio against the CPython oracle', () => {
  let oracle: Oracle | undefined;
  let setupError: Error | undefined;

  beforeAll(async () => {
    const found = findOracle();
    if ('missing' in found) {
      // Like the comparison harness: without the reference CPython these tests
      // fail (they cannot say anything), they are not skipped.
      setupError = new Error(`the fuzzer's oracle needs CPython 3.13: ${found.missing}`);
      return;
    }
    oracle = await Oracle.start(found.python);
  });

  afterAll(() => oracle?.close());

  const theOracle = (): Oracle => {
    if (setupError !== undefined) throw setupError;
    return oracle!;
  };

  it('agrees with aio on 300 generated programs', async () => {
    const result = await runCampaign({ oracle: theOracle(), seed: 'unit-agree', count: 300 });
    expect(result.programs).toBe(300);
    expect(result.divergences.map((d) => `${d.index}: ${d.signature}`)).toEqual([]);
    // The programs end in every way a program can (and never run away).
    expect(Object.keys(result.outcomes).sort()).toEqual(['deadlock', 'raised', 'result']);
  });

  it('catches a deliberately wrong aio semantic and shrinks the program that shows it', async () => {
    const o = theOracle();
    const mutation = { cancelledLooksPending: true } as const;
    // Divergent with the mistake and not without it: the mistake's own divergences.
    const byMistake = async (cands: readonly Program[]): Promise<boolean[]> => {
      const python = await Promise.all(cands.map((c) => o.trace(c)));
      return cands.map(
        (c, i) =>
          !sameTrace(python[i]!, runProgramOnAio(c, mutation)) &&
          sameTrace(python[i]!, runProgramOnAio(c)),
      );
    };
    const result = await runCampaign({ oracle: o, seed: 'unit-mutant', count: 200, mutation });
    const verdicts = await byMistake(result.divergences.map((d) => d.program));
    const caught = result.divergences.filter((_, i) => verdicts[i]);
    expect(caught.length).toBeGreaterThan(0);
    expect(caught[0]!.aio.some((l) => / state \S+ pending$/.test(l))).toBe(true);
    const { program } = await minimise(caught[0]!.program, byMistake);
    // What is left: something cancelled, and a `state` op that looks at it (greedy
    // shrinking can stop in a local minimum of a few more ops).
    expect(programSize(program)).toBeLessThan(programSize(caught[0]!.program));
    expect(programSize(program)).toBeLessThanOrEqual(10);
    let states = 0;
    walkOps(program.main, (op) => {
      if (op.op === 'state') states++;
    });
    expect(states).toBe(1);
  });

  it('reports the CPython it runs', () => {
    const o = theOracle();
    expect(o.version).toMatch(/^3\.(1[3-9]|[2-9]\d)\.\d+$/);
    expect(o.executable).not.toBe('');
  });
});
