/**
 * `pnpm fuzz`: the differential fuzzer's command line (README.md).
 *
 *   pnpm fuzz                          a quick round (~22 s) with a random seed
 *   pnpm fuzz --seed S --count N       N programs of seed S
 *   pnpm fuzz --seed S --index I       program I of seed S alone, with both traces
 *   pnpm fuzz --long                   100 000 programs
 *   pnpm fuzz --replay file.json       one program (or a saved divergence / regression)
 *   pnpm fuzz --replay file.json --minimise
 *
 * Exits 1 when a program diverges, 2 on a fuzzer error, 0 otherwise — also when
 * no CPython >= 3.13 is installed (it says so in one line).
 *
 * @module
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { aioTrace, type Divergence, minimiseDivergence, runCampaign } from './campaign';
import { type GenerateOptions, generateProgram, programSeed } from './generate';
import type { RunMode } from './interpret';
import { findOracle, Oracle } from './oracle';
import { type Program, programSize, renderProgram, validateProgram } from './program';
import { diffTraces, divergenceSignature, sameTrace } from './traces';

const USAGE = `usage: pnpm fuzz [--seed S] [--count N | --seconds T | --long] [--index I]
                 [--replay file.json [--minimise] [--update-expected]] [--mode sync|async|both]
                 [--max-ops N] [--max-tasks N] [--out dir] [--max-classes K]`;

const QUICK_SECONDS = 22;
const LONG_COUNT = 100_000;

function randomSeed(): string {
  return String(Math.floor(Math.random() * 1e9));
}

/** The generator flags of this run, repeated in every replay hint. */
let genFlags = '';

function indent(lines: readonly string[], pad = '    '): string {
  return lines.map((l) => pad + l).join('\n');
}

/** Prints a divergence: where to replay it, the program, both traces as a diff. */
function report(d: Divergence, title: string, file?: string): void {
  console.log(`\n━━ ${title}`);
  const m = (d.mode === 'async' ? ' --mode async' : '') + genFlags;
  if (d.seed !== 'replay') {
    console.log(
      `  seed ${d.seed}, program ${d.index}: pnpm fuzz --seed ${d.seed} --index ${d.index}${m}`,
    );
  }
  if (file) console.log(`  minimised: pnpm fuzz --replay ${file}`);
  console.log(`  first difference: ${d.signature}`);
  console.log(`  program (${programSize(d.program)} ops):`);
  console.log(indent(renderProgram(d.program).split('\n')));
  console.log('  JSON:');
  console.log(`    ${JSON.stringify(d.program)}`);
  console.log('  traces (- CPython, + aio):');
  console.log(indent(diffTraces(d.python, d.aio)));
}

function readReplay(path: string): { program: Program; expected?: string[] } {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const program = validateProgram('program' in data ? data.program : data);
  const expected = Array.isArray(data.expected) ? (data.expected as string[]) : undefined;
  return expected === undefined ? { program } : { program, expected };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      count: { type: 'string' },
      seconds: { type: 'string' },
      index: { type: 'string' },
      long: { type: 'boolean', default: false },
      replay: { type: 'string' },
      minimise: { type: 'boolean', default: false },
      'update-expected': { type: 'boolean', default: false },
      mode: { type: 'string', default: 'sync' },
      'max-ops': { type: 'string' },
      'max-tasks': { type: 'string' },
      out: { type: 'string', default: 'reports/fuzz' },
      'max-classes': { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      throw new TypeError(`--${name}: expected a whole number >= 0, got ${JSON.stringify(v)}`);
    }
    return n;
  };
  const mode = values.mode as RunMode | 'both';
  if (mode !== 'sync' && mode !== 'async' && mode !== 'both') {
    throw new TypeError(`--mode: expected sync, async or both, got ${JSON.stringify(values.mode)}`);
  }
  const single: RunMode = mode === 'async' ? 'async' : 'sync';
  const found = findOracle();
  if ('missing' in found) {
    console.log(`fuzz: skipped, ${found.missing}`);
    return 0;
  }
  const oracle = await Oracle.start(found.python);
  try {
    console.log(`fuzz: CPython ${oracle.version} (${oracle.executable})`);
    const outDir = values.out;

    if (values.replay !== undefined) {
      const { program, expected } = readReplay(values.replay);
      const python = await oracle.trace(program);
      if (values['update-expected']) {
        // A regression file keeps CPython's trace, so aio can be checked without CPython.
        const data = JSON.parse(readFileSync(values.replay, 'utf8')) as Record<string, unknown>;
        const updated = { ...data, cpython: oracle.version, expected: python };
        writeFileSync(values.replay, `${JSON.stringify(updated, null, 2)}\n`);
        console.log(
          `fuzz: ${values.replay}: wrote CPython ${oracle.version}'s trace as "expected"`,
        );
      }
      const aio = await aioTrace(program, single);
      if (!values['update-expected'] && expected !== undefined && !sameTrace(expected, python)) {
        console.log('fuzz: note: the file\'s "expected" trace is not what this CPython prints now');
      }
      let d: Divergence = {
        seed: 'replay',
        index: 0,
        program,
        python,
        aio,
        signature: '',
        mode: single,
      };
      if (sameTrace(python, aio)) {
        console.log(`fuzz: ${values.replay}: the traces agree`);
        console.log(indent(python));
        return 0;
      }
      d = { ...d, signature: divergenceSignature(python, aio) };
      if (values.minimise) d = await minimiseDivergence(oracle, d);
      report(d, `${values.replay}: the traces differ`);
      return 1;
    }

    const seed = values.seed ?? randomSeed();
    const maxOps = num('max-ops', values['max-ops']);
    const maxTasks = num('max-tasks', values['max-tasks']);
    genFlags =
      (maxOps !== undefined ? ` --max-ops ${maxOps}` : '') +
      (maxTasks !== undefined ? ` --max-tasks ${maxTasks}` : '');
    const generate: GenerateOptions = {
      ...(maxOps !== undefined ? { maxOps } : {}),
      ...(maxTasks !== undefined ? { maxTasks } : {}),
    };
    const index = num('index', values.index);
    if (index !== undefined) {
      const program = generateProgram(programSeed(seed, index), generate);
      const python = await oracle.trace(program);
      const aio = await aioTrace(program, single);
      const d: Divergence = {
        seed,
        index,
        program,
        python,
        aio,
        signature: divergenceSignature(python, aio),
        mode: single,
      };
      if (sameTrace(python, aio)) {
        console.log(`fuzz: seed ${seed}, program ${index}: the traces agree`);
        console.log(indent(renderProgram(program).split('\n')));
        console.log(indent(python));
        return 0;
      }
      const m = values.minimise ? await minimiseDivergence(oracle, d) : d;
      report(m, `seed ${seed}, program ${index}: the traces differ`);
      return 1;
    }

    const count = values.long ? LONG_COUNT : num('count', values.count);
    const seconds =
      num('seconds', values.seconds) ?? (count === undefined ? QUICK_SECONDS : undefined);
    console.log(
      `fuzz: seed ${seed}, ${count !== undefined ? `${count} programs` : `${seconds} s`}, aio: ${mode === 'both' ? 'runSync and run' : mode === 'async' ? 'run' : 'runSync'}`,
    );
    let lastPrint = performance.now();
    const result = await runCampaign({
      oracle,
      seed,
      mode,
      generate,
      ...(count !== undefined ? { count } : {}),
      ...(seconds !== undefined ? { seconds } : {}),
      onProgress: (done, divergent) => {
        if (performance.now() - lastPrint > 10_000) {
          lastPrint = performance.now();
          console.log(`fuzz: ${done} programs, ${divergent} divergent`);
        }
      },
    });
    const outcomes = Object.entries(result.outcomes)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `fuzz: ${result.programs} programs in ${result.seconds.toFixed(1)} s (${outcomes}), ` +
        `${result.divergences.length} divergent (replay: pnpm fuzz --seed ${seed} --count ${result.programs}${genFlags})`,
    );
    if (result.divergences.length === 0) return 0;

    // Group by how the traces first differ; shrink the first of each group.
    const groups = new Map<string, Divergence[]>();
    for (const d of result.divergences) {
      const g = groups.get(d.signature) ?? [];
      g.push(d);
      groups.set(d.signature, g);
    }
    console.log(`fuzz: ${groups.size} kind(s) of divergence (by first differing line):`);
    for (const [sig, ds] of groups) {
      console.log(`  ${String(ds.length).padStart(5)}  ${sig}   e.g. --index ${ds[0]!.index}`);
    }
    const maxClasses = num('max-classes', values['max-classes']) ?? 3;
    mkdirSync(outDir, { recursive: true });
    let shown = 0;
    const until = performance.now() + (values.long ? 600_000 : 20_000);
    for (const [, ds] of groups) {
      if (shown >= maxClasses) break;
      shown++;
      const m = await minimiseDivergence(oracle, ds[0]!, { until });
      const file = join(outDir, `divergence-${seed}-${m.index}.json`);
      writeFileSync(
        file,
        `${JSON.stringify({ seed: m.seed, index: m.index, mode: m.mode ?? 'sync', program: m.program, python: m.python, aio: m.aio }, null, 1)}\n`,
      );
      report(m, `divergence ${shown} of ${groups.size} kinds (${ds.length} program(s))`, file);
    }
    if (groups.size > shown) {
      console.log(`\nfuzz: ${groups.size - shown} more kind(s) not shown (--max-classes)`);
    }
    return 1;
  } finally {
    oracle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    console.error(USAGE);
    process.exitCode = 2;
  },
);
