// W5: heap bytes per pending task. N tasks each block on one never-set future
// (promise, deferred); once every task has started and blocked, a full GC, and the
// heap growth since before they were created is divided by N. Then the future is
// set, every task finishes, and the case checks how many started and the sum.
// The task handles are kept in an array on every side (8 bytes a task).
//   aio        createTask × N, each yield* fut; one bare yield lets them all block
//   native     async function × N, each await p
//   effection  spawn × N, each yield* operation of withResolvers()
//   effect     Effect.forkChild × N, each Deferred.await
// The same for N sleepers (a task asleep on a timer: what a sleeper holds alive, its
// timer included), sleeping 1 s on the real clock:
//   aio-sleeper     createTask × N, each yield* sleep(1000)
//   native-sleeper  async function × N, each await a setTimeout promise
// Needs --expose-gc (the runner passes it).
import { createTask, gather, getRunningLoop, run, sleep } from '@aio/core';
import { check, collect, emit, main, options, triangle } from '../lib/harness.mjs';

let started = 0;

function heapUsed() {
  collect();
  return process.memoryUsage().heapUsed;
}

/** Each impl returns [bytes per task, sum of the task results]. */
const impls = {
  aio: async () => (n) =>
    run(
      (function* () {
        function* blocked(fut, i) {
          started++;
          yield* fut;
          return i;
        }
        const fut = getRunningLoop().createFuture();
        const h0 = heapUsed();
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) tasks[i] = createTask(blocked(fut, i));
        yield;
        check('tasks started before measuring', started, n);
        const perTask = (heapUsed() - h0) / n;
        fut.setResult(0);
        const rs = yield* gather(tasks);
        let s = 0;
        for (let i = 0; i < n; i++) s += rs[i];
        return [perTask, s];
      })(),
    ),
  'aio-sleeper': async () => (n) =>
    run(
      (function* () {
        function* sleeper(i) {
          started++;
          yield* sleep(1000);
          return i;
        }
        const h0 = heapUsed();
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) tasks[i] = createTask(sleeper(i));
        yield;
        check('sleepers started before measuring', started, n);
        const perTask = (heapUsed() - h0) / n;
        const rs = yield* gather(tasks);
        let s = 0;
        for (let i = 0; i < n; i++) s += rs[i];
        return [perTask, s];
      })(),
    ),
  'native-sleeper': async () => async (n) => {
    async function sleeper(i) {
      started++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return i;
    }
    const h0 = heapUsed();
    const tasks = new Array(n);
    for (let i = 0; i < n; i++) tasks[i] = sleeper(i);
    await null;
    check('sleepers started before measuring', started, n);
    const perTask = (heapUsed() - h0) / n;
    const rs = await Promise.all(tasks);
    let s = 0;
    for (let i = 0; i < n; i++) s += rs[i];
    return [perTask, s];
  },
  native: async () => async (n) => {
    let resolve;
    const p = new Promise((r) => {
      resolve = r;
    });
    async function blocked(i) {
      started++;
      await p;
      return i;
    }
    const h0 = heapUsed();
    const tasks = new Array(n);
    for (let i = 0; i < n; i++) tasks[i] = blocked(i);
    await null;
    check('tasks started before measuring', started, n);
    const perTask = (heapUsed() - h0) / n;
    resolve(0);
    const rs = await Promise.all(tasks);
    let s = 0;
    for (let i = 0; i < n; i++) s += rs[i];
    return [perTask, s];
  },
  effection: async () => {
    const { action, all, run: erun, spawn, withResolvers } = await import('effection');
    const tick = () =>
      action((resolve) => {
        setTimeout(resolve, 1);
        return () => {};
      });
    return (n) =>
      erun(function* () {
        const { operation, resolve } = withResolvers();
        const h0 = heapUsed();
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) {
          tasks[i] = yield* spawn(function* () {
            started++;
            yield* operation;
            return i;
          });
        }
        for (let k = 0; started < n && k < 10_000; k++) yield* tick();
        check('tasks started before measuring', started, n);
        const perTask = (heapUsed() - h0) / n;
        resolve(0);
        const rs = yield* all(tasks);
        let s = 0;
        for (let i = 0; i < n; i++) s += rs[i];
        return [perTask, s];
      });
  },
  effect: async () => {
    const { Deferred, Effect, Fiber } = await import('effect');
    return (n) =>
      Effect.runPromise(
        Effect.gen(function* () {
          const d = yield* Deferred.make();
          const h0 = heapUsed();
          const fibers = new Array(n);
          for (let i = 0; i < n; i++) {
            fibers[i] = yield* Effect.forkChild(
              Effect.suspend(() => {
                started++;
                return Effect.as(Deferred.await(d), i);
              }),
            );
          }
          // Forked fibers start in scheduler batches: wait until all have.
          for (let k = 0; started < n && k < 10_000; k++) yield* Effect.sleep(1);
          check('tasks started before measuring', started, n);
          const perTask = (heapUsed() - h0) / n;
          yield* Deferred.succeed(d, 0);
          const rs = yield* Fiber.joinAll(fibers);
          let s = 0;
          for (let i = 0; i < n; i++) s += rs[i];
          return [perTask, s];
        }),
      );
  },
};

main(async () => {
  const opts = options();
  const load = impls[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  if (typeof globalThis.gc !== 'function') throw new Error('W5 needs node --expose-gc');
  const fn = await load();
  const samples = [];
  for (let r = 0; r < opts.warmup + opts.runs; r++) {
    started = 0;
    const [perTask, sum] = await fn(opts.n);
    check('sum of task results', sum, triangle(opts.n));
    if (r >= opts.warmup) samples.push(perTask);
  }
  emit({ impl: opts.impl, n: opts.n, unit: 'bytes', samples });
});
