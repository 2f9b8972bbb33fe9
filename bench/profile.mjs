// Profiles one case: `node bench/profile.mjs <group key> <impl> [--n N] [--top K]`,
// e.g. `node bench/profile.mjs w2-100k aio-gather`. Runs the case under
// `node --cpu-prof` (3 timed runs after a warm-up) and prints the functions with the
// most self time, aggregated by function and source position. The evidence asked
// for when a target is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groups } from './lib/cases.mjs';
import { parseArgs } from './lib/harness.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const [key, impl, ...rest] = process.argv.slice(2);
const opts = parseArgs(rest);
const group = groups.find((g) => g.key === key);
if (group === undefined || impl === undefined) {
  console.error(`usage: node bench/profile.mjs <${groups.map((g) => g.key).join('|')}> <impl>`);
  process.exit(2);
}
const n = opts.n ?? String(group.n);
const top = Number(opts.top ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'aio-prof-'));
const argv = [
  '--expose-gc',
  '--max-old-space-size=8192',
  '--cpu-prof',
  `--cpu-prof-dir=${dir}`,
  '--cpu-prof-interval=100',
  join(benchDir, 'workloads', group.file),
  '--impl',
  impl,
  '--n',
  n,
  '--runs',
  opts.runs ?? '3',
  '--warmup',
  '1',
];
const r = spawnSync(process.execPath, argv, {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (r.status !== 0) process.exit(r.status ?? 1);
process.stdout.write(`${r.stdout.split('\n').find((l) => l.startsWith('BENCH '))}\n`);
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const prof = JSON.parse(readFileSync(join(dir, file), 'utf8'));

const byId = new Map(prof.nodes.map((node) => [node.id, node]));
const self = new Map();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const node = byId.get(prof.samples[i]);
  const dt = prof.timeDeltas[i] ?? 0;
  total += dt;
  const cf = node.callFrame;
  const where = cf.url ? `${basename(cf.url)}:${cf.lineNumber + 1}` : '';
  const k = `${cf.functionName || '(anonymous)'} ${where}`.trim();
  self.set(k, (self.get(k) ?? 0) + dt);
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`profile: ${join(dir, file)} (${(total / 1000).toFixed(0)} ms sampled)`);
console.log('self ms    self %  function');
for (const [k, us] of rows) {
  console.log(
    `${(us / 1000).toFixed(1).padStart(8)}  ${((100 * us) / total).toFixed(1).padStart(6)}%  ${k}`,
  );
}
