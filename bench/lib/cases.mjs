// The suite: every workload group, its cases, sizes and targets.
//
// A group is one chart and one block of the table. Each case is one implementation
// at one size; `vs` names the case of the same group whose median is the native
// baseline for the ratio column. Sizes: `n` for the full run, `quickN` for
// `pnpm bench:quick`. Effection is run at a smaller N where it would take minutes
// (its cost per task is linear, so the per-task figure stays comparable; the N
// column says so).

const K = 1000;
const M = 1_000_000;

/** @typedef {{ impl: string, lang?: 'node' | 'python', n?: number, runs?: number, warmup?: number, role?: string }} CaseSpec */

/**
 * The groups. `file` / `py` are the workload scripts (bench/workloads, bench/python);
 * `perOp` is the name of one operation, or null where the sample is not divided by N
 * (W5 bytes per task, W7 bytes).
 */
export const groups = [
  {
    id: 'W1',
    key: 'w1',
    title: 'W1 · callSoon + run, N callbacks',
    file: 'w1-callsoon.mjs',
    py: 'w1.py',
    n: M,
    quickN: 2 * K,
    perOp: 'callback',
    vs: 'promise-then',
    cases: [
      { impl: 'aio-callsoon', role: 'aio' },
      { impl: 'floor-array', role: 'floor' },
      { impl: 'queue-microtask', role: 'native' },
      { impl: 'promise-then', role: 'native' },
      { impl: 'call-soon', lang: 'python' },
    ],
  },
  {
    id: 'W2',
    key: 'w2-100k',
    title: 'W2 · spawn 100k tasks that yield once, join all',
    file: 'w2-spawn.mjs',
    py: 'w2.py',
    n: 100 * K,
    quickN: 500,
    perOp: 'task',
    vs: 'native',
    cases: [
      { impl: 'aio-gather', role: 'aio' },
      { impl: 'aio-taskgroup', role: 'aio' },
      { impl: 'native', role: 'native' },
      { impl: 'effection', n: 10 * K },
      { impl: 'effect-foreach' },
      { impl: 'effect-fork' },
      { impl: 'gather', lang: 'python' },
      { impl: 'taskgroup', lang: 'python' },
    ],
  },
  {
    id: 'W2',
    key: 'w2-1m',
    title: 'W2 · spawn 1M tasks that yield once, join all',
    file: 'w2-spawn.mjs',
    py: 'w2.py',
    n: M,
    quickN: 1000,
    perOp: 'task',
    vs: 'native',
    runs: 3,
    warmup: 0,
    cases: [
      { impl: 'aio-gather', role: 'aio' },
      { impl: 'native', role: 'native' },
      { impl: 'effect-fork' },
      { impl: 'gather', lang: 'python' },
    ],
  },
  {
    id: 'W3',
    key: 'w3',
    title: 'W3 · one task awaits 1M done futures / trivial coroutines',
    file: 'w3-await.mjs',
    py: 'w3.py',
    n: M,
    quickN: 2 * K,
    perOp: 'await',
    vs: 'native-promise',
    cases: [
      { impl: 'aio-future', role: 'aio' },
      { impl: 'aio-coro', role: 'aio', vs: 'native-async' },
      { impl: 'native-promise', role: 'native' },
      { impl: 'native-async', role: 'native' },
      { impl: 'effection-op' },
      { impl: 'effect-succeed' },
      { impl: 'effect-gen', runs: 3 },
      { impl: 'future', lang: 'python' },
      { impl: 'coro', lang: 'python' },
    ],
  },
  {
    id: 'W4',
    key: 'w4-virtual-100k',
    title: 'W4 · 100k sleepers, random 0–1000 ms, virtual time (total ms)',
    file: 'w4-sleepers.mjs',
    py: 'w4.py',
    n: 100 * K,
    quickN: 500,
    perOp: 'sleeper',
    vs: 'fake-timers',
    cases: [
      { impl: 'aio-virtual', role: 'aio' },
      { impl: 'aio-virtual-sync', role: 'aio' },
      { impl: 'fake-timers', role: 'native' },
      { impl: 'fake-timers-cb', role: 'floor' },
      { impl: 'effection-virtual', n: 10 * K },
      { impl: 'effect-testclock', runs: 3 },
      { impl: 'virtual', lang: 'python' },
    ],
  },
  {
    id: 'W4',
    key: 'w4-virtual-1m',
    title: 'W4 · 1M sleepers, random 0–1000 ms, virtual time (total ms)',
    file: 'w4-sleepers.mjs',
    py: 'w4.py',
    n: M,
    quickN: 1000,
    perOp: 'sleeper',
    vs: 'fake-timers',
    runs: 3,
    warmup: 0,
    cases: [
      { impl: 'aio-virtual', role: 'aio' },
      { impl: 'aio-virtual-sync', role: 'aio' },
      { impl: 'fake-timers', role: 'native' },
      { impl: 'fake-timers-cb', role: 'floor' },
      { impl: 'virtual', lang: 'python' },
    ],
  },
  {
    id: 'W4',
    key: 'w4-real',
    title: 'W4 · 100k sleepers, random 0–50 ms, real clock (overhead past 50 ms)',
    file: 'w4-sleepers.mjs',
    py: 'w4.py',
    n: 100 * K,
    quickN: 200,
    perOp: 'sleeper',
    vs: 'native-real',
    cases: [
      { impl: 'aio-real', role: 'aio' },
      { impl: 'native-real', role: 'native' },
      { impl: 'effection-real', n: 10 * K },
      { impl: 'effect-real' },
      { impl: 'real', lang: 'python' },
    ],
  },
  {
    id: 'W5',
    key: 'w5',
    title: 'W5 · heap bytes per pending task (100k blocked on a never-set future, or asleep)',
    file: 'w5-memory.mjs',
    py: 'w5.py',
    n: 100 * K,
    quickN: 1000,
    perOp: null,
    vs: 'native',
    runs: 3,
    cases: [
      { impl: 'aio', role: 'aio' },
      { impl: 'native', role: 'native' },
      { impl: 'aio-sleeper', role: 'aio', vs: 'native-sleeper' },
      { impl: 'native-sleeper', role: 'native' },
      { impl: 'effection', n: 10 * K },
      { impl: 'effect' },
      { impl: 'tracemalloc', lang: 'python' },
    ],
  },
  {
    id: 'W6',
    key: 'w6',
    title: 'W6 · 1 producer / 1 consumer, queue of 100, 1M items',
    file: 'w6-queue.mjs',
    py: 'w6.py',
    n: M,
    quickN: 2 * K,
    perOp: 'item',
    vs: 'native',
    cases: [
      { impl: 'aio', role: 'aio' },
      { impl: 'native', role: 'native' },
      { impl: 'effection' },
      { impl: 'effect' },
      { impl: 'queue', lang: 'python' },
    ],
  },
  {
    id: 'W7',
    key: 'w7',
    title: 'W7 · bundle size, min+gz (esbuild, gzip -9)',
    file: 'w7-size.mjs',
    n: 1,
    quickN: 1,
    perOp: null,
    vs: null,
    runs: 1,
    warmup: 0,
    cases: [
      { impl: 'aio-minimal', role: 'aio' },
      { impl: 'aio-core', role: 'aio' },
      { impl: 'effection-minimal' },
      { impl: 'effection' },
      { impl: 'effect-minimal' },
      { impl: 'rxjs-minimal' },
    ],
  },
  {
    id: 'W8',
    key: 'w8',
    title: 'W8 · cancel 100k pending tasks and wait for them',
    file: 'w8-cancel.mjs',
    py: 'w8.py',
    n: 100 * K,
    quickN: 1000,
    perOp: 'task',
    vs: 'native',
    cases: [
      { impl: 'aio', role: 'aio' },
      { impl: 'aio-gather', role: 'aio' },
      { impl: 'native', role: 'native' },
      { impl: 'effection', n: 10 * K },
      { impl: 'effect' },
      { impl: 'cancel', lang: 'python' },
    ],
  },
];

// size-limit's units: 1 KB = 1000 bytes (the budgets in packages/core/package.json).
const KB = 1000;

/**
 * The targets. `abs` compares the aio case's median with a fixed figure
 * (`perOpNs`, `totalMs`, `bytes`); `ratio` compares it with the group's native
 * baseline (`vs`) measured in the same run. `ref` is the figure the issue quotes
 * for a peer "on these machines" when it set the target: the measured figure of
 * that peer in this run divided by it says how much slower this run's machine was,
 * and the absolute target is also shown scaled by that factor (an estimate, marked
 * as such: time targets only, bytes do not scale).
 */
export const targets = [
  {
    id: 'W1',
    group: 'w1',
    impl: 'aio-callsoon',
    text: '≤ 15 ns per callback',
    abs: { perOpNs: 15 },
    ref: { impl: 'promise-then', perOpNs: 19 },
  },
  {
    id: 'W2',
    group: 'w2-100k',
    impl: 'aio-gather',
    text: '≤ 1.0× native, ≤ 0.5 µs per task (100k)',
    abs: { perOpNs: 500 },
    ratio: 1.0,
    ref: { impl: 'native', perOpNs: 520 },
  },
  {
    id: 'W2',
    group: 'w2-1m',
    impl: 'aio-gather',
    text: '≤ 1.0× native, ≤ 0.5 µs per task (1M)',
    abs: { perOpNs: 500 },
    ratio: 1.0,
    ref: { impl: 'native', perOpNs: 520 },
  },
  {
    id: 'W3',
    group: 'w3',
    impl: 'aio-future',
    text: '≤ 15 ns per await (done future)',
    abs: { perOpNs: 15 },
    ref: { impl: 'native-promise', perOpNs: 38.5 },
  },
  {
    id: 'W3',
    group: 'w3',
    impl: 'aio-coro',
    text: '≤ 15 ns per await (trivial coroutine)',
    abs: { perOpNs: 15 },
    ref: { impl: 'native-promise', perOpNs: 38.5 },
  },
  {
    id: 'W4',
    group: 'w4-virtual-100k',
    impl: 'aio-virtual',
    text: 'virtual, 100k ≤ 50 ms',
    abs: { totalMs: 50 },
    ref: { impl: 'fake-timers', perOpNs: 4860 },
  },
  {
    id: 'W4',
    group: 'w4-virtual-1m',
    impl: 'aio-virtual',
    text: 'virtual, 1M ≤ 0.6 s',
    abs: { totalMs: 600 },
    ref: { impl: 'fake-timers', perOpNs: 4860 },
  },
  {
    id: 'W4',
    group: 'w4-real',
    impl: 'aio-real',
    text: 'real clock: overhead ≤ 0.5× native',
    ratio: 0.5,
  },
  { id: 'W5', group: 'w5', impl: 'aio', text: '≤ 350 bytes per pending task', abs: { bytes: 350 } },
  {
    id: 'W6',
    group: 'w6',
    impl: 'aio',
    text: '≤ 60 ns per item',
    abs: { perOpNs: 60 },
    ref: { impl: 'queue', lang: 'python', perOpNs: 544 },
  },
  {
    id: 'W7',
    group: 'w7',
    impl: 'aio-minimal',
    text: 'minimal program ≤ 4 KB',
    abs: { bytes: 4 * KB },
  },
  { id: 'W7', group: 'w7', impl: 'aio-core', text: 'whole core ≤ 10 KB', abs: { bytes: 10 * KB } },
  { id: 'W8', group: 'w8', impl: 'aio', text: '≤ 1 µs per cancelled task', abs: { perOpNs: 1000 } },
];
