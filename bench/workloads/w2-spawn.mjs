// W2: spawn N tasks that each give up control once and return their index; join
// them all; check the sum of the results.
//   aio-gather        createTask × N in run(), then yield* gather(tasks)
//   aio-taskgroup     tg.createTask × N inside taskGroup(), results read after
//   native            async function (await null once) × N, Promise.all
//   effection         spawn × N (each yields once through a microtask), all(tasks)
//   effect-foreach    Effect.forEach(range, yieldNow → i, { concurrency: 'unbounded' })
//   effect-fork       Effect.forkChild × N, Fiber.joinAll
import { createTask, gather, run, taskGroup } from '@aio/core';
import { check, main, options, timeRuns, triangle, sumOf } from '../lib/harness.mjs';

function* aioChild(i) {
  yield;
  return i;
}

async function nativeChild(i) {
  await null;
  return i;
}

async function loadEffection() {
  const { action, all, run: erun, spawn } = await import('effection');
  // Effection has no "give up control once" primitive; the cheapest is an action
  // resolved in a microtask (sleep(0) would be a host timer).
  function* child(i) {
    yield* action((resolve) => {
      queueMicrotask(resolve);
      return () => {};
    });
    return i;
  }
  return (n) =>
    erun(function* () {
      const tasks = new Array(n);
      for (let i = 0; i < n; i++) tasks[i] = yield* spawn(() => child(i));
      return sumOf(yield* all(tasks));
    });
}

async function loadEffect(kind) {
  const { Effect, Fiber } = await import('effect');
  const child = (i) => Effect.as(Effect.yieldNow, i);
  if (kind === 'foreach') {
    return (n) => {
      const range = new Array(n);
      for (let i = 0; i < n; i++) range[i] = i;
      return Effect.runPromise(
        Effect.map(Effect.forEach(range, child, { concurrency: 'unbounded' }), sumOf),
      );
    };
  }
  return (n) =>
    Effect.runPromise(
      Effect.gen(function* () {
        const fibers = new Array(n);
        for (let i = 0; i < n; i++) fibers[i] = yield* Effect.forkChild(child(i));
        return sumOf(yield* Fiber.joinAll(fibers));
      }),
    );
}

const impls = {
  'aio-gather': async () => (n) =>
    run(
      (function* () {
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) tasks[i] = createTask(aioChild(i));
        return sumOf(yield* gather(tasks));
      })(),
    ),
  'aio-taskgroup': async () => (n) =>
    run(
      (function* () {
        const tasks = new Array(n);
        yield* taskGroup(function* (tg) {
          for (let i = 0; i < n; i++) tasks[i] = tg.createTask(aioChild(i));
        });
        let s = 0;
        for (let i = 0; i < n; i++) s += tasks[i].result();
        return s;
      })(),
    ),
  native: async () => async (n) => {
    const ps = new Array(n);
    for (let i = 0; i < n; i++) ps[i] = nativeChild(i);
    return sumOf(await Promise.all(ps));
  },
  effection: loadEffection,
  'effect-foreach': () => loadEffect('foreach'),
  'effect-fork': () => loadEffect('fork'),
};

main(async () => {
  const opts = options();
  const load = impls[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const fn = await load();
  await timeRuns(opts, fn, (r) => check('sum of task results', r, triangle(opts.n)));
});
