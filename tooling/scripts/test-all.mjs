// `pnpm test`: every check CI runs, in order. Each step is a root script of package.json.
// A failing step does not stop the others (so one run shows every problem), except that
// the steps which need the built packages are skipped when the build fails. Ends with a
// summary and exits non-zero if any step failed or was skipped.
import { spawnSync } from 'node:child_process';

/** [root script, needs the build] */
const steps = [
  ['build', false],
  ['typecheck', false],
  ['lint', false],
  ['lint:aio', true],
  ['test:unit', false],
  // The differential fuzzer's quick round (~22 s); says so and passes without CPython 3.13.
  ['fuzz', false],
  ['lint:pkg', true],
  ['check:cycles', false],
  ['check:browser', true],
  ['size', true],
  ['demo:smoke', true],
  ['bench:quick', true],
];

const results = [];
let built = true;
for (const [script, needsBuild] of steps) {
  if (needsBuild && !built) {
    results.push([script, 'SKIP', 'the build failed']);
    continue;
  }
  console.log(`\n━━ pnpm ${script}`);
  const started = performance.now();
  const { status, error } = spawnSync('pnpm', ['run', script], { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = status === 0 && !error;
  if (script === 'build' && !ok) built = false;
  results.push([script, ok ? 'ok' : 'FAIL', `${seconds} s`]);
}

console.log('\n━━ pnpm test summary');
for (const [script, verdict, note] of results) {
  console.log(`  ${verdict.padEnd(4)}  ${script.padEnd(13)} ${note}`);
}
const bad = results.filter(([, verdict]) => verdict !== 'ok').map(([script]) => script);
if (bad.length > 0) {
  console.error(`pnpm test: failed: ${bad.join(', ')}`);
  process.exit(1);
}
