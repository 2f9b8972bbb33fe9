// The benchmark runner: `pnpm bench` (full run, writes bench/RESULTS.md, the charts
// and the table in BENCHMARKS.md) and `pnpm bench:quick` (every case once at a small
// N, results checked, nothing timed or written; for CI).
//
// Options: --quick, --only W2[,W4] (workload ids or group keys), --runs R (rounds
// per case), --no-write.
//
// Each case runs in fresh processes: for each of R rounds, every case of a group is
// spawned once (warm-up runs, then one timed run), so load on a shared machine falls
// on all the implementations of a group alike. The process prints one `BENCH {json}`
// line; a failed self-check makes it exit non-zero and the whole run fail.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groups } from './lib/cases.mjs';
import { writeCharts } from './lib/chart.mjs';
import { updateBenchmarksMd, writeResults } from './lib/report.mjs';
import { median } from './lib/stats.mjs';
import { parseArgs } from './lib/harness.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const args = parseArgs();
const quick = args.quick === 'true';
const only = args.only ? new Set(args.only.split(',').map((s) => s.trim().toLowerCase())) : null;
const rounds = quick ? 1 : Number(args.runs ?? 5);
const write = !quick && args['no-write'] !== 'true';
const CASE_TIMEOUT_MS = 15 * 60 * 1000;

function ensureBuilt() {
  const needed = [
    'packages/core/dist/index.js',
    'packages/timers/dist/index.js',
    'packages/trace/dist/index.js',
  ];
  if (needed.every((f) => existsSync(join(root, f)))) return;
  console.log('bench: building the packages (dist missing)…');
  const r = spawnSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bench: pnpm build failed');
}

/** The command line of one process of a case, relative to the repository root. */
function commandOf(group, c) {
  const n = quick ? Math.min(group.quickN, c.n ?? group.quickN) : (c.n ?? group.n);
  const warmup = quick ? 0 : (c.warmup ?? group.warmup ?? 1);
  const flags = ['--impl', c.impl, '--n', String(n), '--runs', '1', '--warmup', String(warmup)];
  if (c.lang === 'python') {
    const script = relative(root, join(benchDir, 'python', group.py));
    return { exe: 'python3', argv: [script, ...flags], n };
  }
  const script = relative(root, join(benchDir, 'workloads', group.file));
  return {
    exe: process.execPath,
    argv: ['--expose-gc', '--max-old-space-size=8192', script, ...flags],
    display: 'node',
    n,
  };
}

function runOnce(cmd) {
  const r = spawnSync(cmd.exe, cmd.argv, {
    cwd: root,
    encoding: 'utf8',
    timeout: CASE_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH '));
  if (r.status !== 0 || line === undefined) {
    const why = r.error ? String(r.error) : `exit ${r.status ?? r.signal}`;
    const lines = `${r.stderr ?? ''}`.trim().split('\n');
    const tail = lines.slice(0, 6).join('\n');
    return { error: `${why}\n${tail}` };
  }
  return JSON.parse(line.slice(6));
}

function selected(group) {
  if (only === null) return true;
  return only.has(group.id.toLowerCase()) || only.has(group.key);
}

function main() {
  ensureBuilt();
  const startedAt = new Date();
  const loadStart = loadavg();
  console.log(
    `bench${quick ? ' (quick)' : ''}: ${rounds} round(s) per case; load average ${loadStart
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const results = [];
  let failures = 0;
  for (const group of groups.filter(selected)) {
    console.log(`\n── ${group.title}`);
    const rows = group.cases.map((c) => {
      const cmd = commandOf(group, c);
      const display = `${cmd.display ?? cmd.exe} ${cmd.argv.join(' ')}`;
      return { group, c, cmd, display, samples: [], error: null };
    });
    const groupRounds = quick ? 1 : Math.min(rounds, group.runs ?? rounds);
    for (let r = 0; r < groupRounds; r++) {
      for (const row of rows) {
        if (row.error !== null) continue;
        const caseRounds = quick ? 1 : Math.min(groupRounds, row.c.runs ?? groupRounds);
        if (r >= caseRounds) continue;
        const out = runOnce(row.cmd);
        if (out.error) {
          row.error = out.error;
          failures++;
          console.error(`  FAIL ${label(row)}: ${out.error}`);
          continue;
        }
        row.unit = out.unit;
        row.metric = out.metric;
        row.samples.push(...out.samples);
      }
    }
    for (const row of rows) {
      if (row.error !== null) {
        results.push(toResult(row));
        continue;
      }
      const res = toResult(row);
      results.push(res);
      console.log(`  ok   ${label(row).padEnd(28)} n=${String(res.n).padEnd(8)} ${res.summary}`);
    }
  }
  const loadEnd = loadavg();
  if (write) {
    const machine = machineInfo(startedAt, loadStart, loadEnd);
    writeResults(join(benchDir, 'RESULTS.md'), results, machine);
    writeCharts(join(benchDir, 'charts'), results);
    updateBenchmarksMd(join(root, 'BENCHMARKS.md'), results, machine);
    // The repository's formatter (biome) pads markdown tables: format what was written
    // so that `pnpm lint` stays clean.
    const biome = join(root, 'node_modules', '.bin', 'biome');
    if (existsSync(biome)) {
      spawnSync(biome, ['format', '--write', 'bench/RESULTS.md', 'bench/charts', 'BENCHMARKS.md'], {
        cwd: root,
        stdio: 'ignore',
      });
    }
    console.log('\nbench: wrote bench/RESULTS.md, bench/charts/*.svg, BENCHMARKS.md');
  }
  console.log(
    `\nbench${quick ? ':quick' : ''}: ${results.length - failures} passed, ${failures} failed`,
  );
  if (failures > 0) process.exitCode = 1;
}

function label(row) {
  return row.c.lang === 'python' ? `cpython ${row.c.impl}` : row.c.impl;
}

function toResult(row) {
  const { group, c } = row;
  const base = {
    id: group.id,
    group: group.key,
    title: group.title,
    impl: label(row),
    key: c.impl,
    lang: c.lang ?? 'node',
    role: c.role ?? (c.lang === 'python' ? 'cpython' : 'peer'),
    n: row.cmd.n,
    command: row.display,
    perOp: group.perOp,
    vs: c.vs ?? group.vs,
  };
  if (row.error !== null) return { ...base, error: row.error, samples: [] };
  const med = median(row.samples);
  const min = Math.min(...row.samples);
  const max = Math.max(...row.samples);
  const r = {
    ...base,
    unit: row.unit,
    metric: row.metric,
    samples: row.samples,
    median: med,
    min,
    max,
  };
  r.summary =
    row.unit === 'bytes'
      ? `${med.toFixed(0)} B (${min.toFixed(0)}–${max.toFixed(0)})`
      : `${med.toFixed(1)} ms (${min.toFixed(1)}–${max.toFixed(1)})` +
        (group.perOp ? `, ${((med * 1e6) / r.n).toFixed(1)} ns/${group.perOp}` : '');
  return r;
}

function machineInfo(startedAt, loadStart, loadEnd) {
  const py = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  });
  const versions = {};
  for (const name of ['effection', 'effect', '@sinonjs/fake-timers', 'rxjs', 'esbuild']) {
    try {
      const pj = JSON.parse(
        readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8'),
      );
      versions[name] = pj.version;
    } catch {
      versions[name] = '?';
    }
  }
  const cpu = cpus();
  return {
    date: startedAt.toISOString(),
    node: process.version,
    python: (py.stdout || py.stderr || '').trim(),
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    loadStart,
    loadEnd,
    commit: (commit.stdout ?? '').trim() || 'unknown',
    rounds,
    versions,
    command: `pnpm bench${args.only ? ` --only ${args.only}` : ''}`,
  };
}

main();
