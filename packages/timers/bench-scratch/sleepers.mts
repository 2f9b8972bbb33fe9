// Scratch measurements (not tests, not asserted): N sleepers with random delays.
//   node_modules/.bin/tsx --conditions=@aio/source packages/timers/bench-scratch/sleepers.mts
import { type Coro, createTask, gather, run, runSync, sleep, RealClock } from '@aio/core';
import { VirtualClock } from '@aio/timers';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function delays(n: number, max: number): Float64Array {
  const r = rng(n + max);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = r() * max;
  return d;
}

function* sleeper(ms: number): Coro<void> {
  yield* sleep(ms);
}

function* tasksMain(d: Float64Array): Coro<void> {
  const tasks = new Array(d.length);
  for (let i = 0; i < d.length; i++) tasks[i] = createTask(sleeper(d[i]!));
  yield* gather(tasks);
}

async function timeIt(label: string, f: () => unknown | Promise<unknown>, reps = 3) {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: best ${times[0]!.toFixed(1)} ms, median ${times[Math.floor(reps / 2)]!.toFixed(1)} ms`,
  );
}

const which = process.argv.slice(2);
const want = (k: string) => which.length === 0 || which.includes(k);

if (want('v100k')) {
  const d = delays(100_000, 1000);
  await timeIt(
    'virtual 100k sleepers 0-1000ms, run()',
    () => run(tasksMain(d), { clock: new VirtualClock() }),
    5,
  );
  await timeIt(
    'virtual 100k sleepers 0-1000ms, runSync()',
    () => runSync(tasksMain(d), { clock: new VirtualClock() }),
    5,
  );
}
if (want('v1m')) {
  const d = delays(1_000_000, 1000);
  await timeIt(
    'virtual 1M sleepers 0-1000ms, run()',
    () => run(tasksMain(d), { clock: new VirtualClock() }),
    3,
  );
  await timeIt(
    'virtual 1M sleepers 0-1000ms, runSync()',
    () => runSync(tasksMain(d), { clock: new VirtualClock() }),
    3,
  );
}
if (want('real100k')) {
  const d = delays(100_000, 50);
  await timeIt(
    'real 100k sleepers 0-50ms, run() (total; overhead = total - 50)',
    () => run(tasksMain(d), { clock: new RealClock() }),
    5,
  );
  await timeIt(
    'native setTimeout per sleeper, 100k 0-50ms',
    () => Promise.all(Array.from(d, (ms) => new Promise((r) => setTimeout(r, ms)))),
    5,
  );
}
if (want('idle')) {
  // A loop waiting for one timer 3 s away on the real clock: CPU time used meanwhile.
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(sleeper(3000), { clock: new RealClock() });
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `idle: one 3000 ms timer, wall ${(performance.now() - t0).toFixed(0)} ms, ` +
      `CPU user ${(cpu.user / 1000).toFixed(1)} ms + system ${(cpu.system / 1000).toFixed(1)} ms`,
  );
}
