// W8: cancel N pending tasks and wait until they are all done. N tasks each block
// on a never-set future of their own (as a task blocked in a sleep or an I/O wait
// does; one shared future would be cancelled by the first task.cancel() and wake
// all the others through it); once all have started, the timer starts, every task is
// cancelled one by one, and the case waits for all of them. The sample is that
// phase only; the case checks that every task ran its cleanup (finally) and ended
// cancelled.
//   aio        task.cancel() × N, then yield* wait(tasks)
//   aio-gather the same, collected with yield* gather(tasks, { returnExceptions: true })
//   native     one AbortController per task (the native way to cancel an async
//              function): abort() × N, then Promise.allSettled
//   effection  task.halt() × N (Effection's cancellation), all awaited
//   effect     Fiber.interruptAll(fibers)
import { CancelledError, createTask, gather, getRunningLoop, run, wait } from '@aio/core';
import { check, main, options, timeRuns } from '../lib/harness.mjs';

let started = 0;
let cleaned = 0;

/**
 * aio's case: `n` tasks blocked on a never-set future, all cancelled, then collected
 * with `collect(tasks)`; returns the time from the first cancel to collected, and how
 * many tasks `counts(tasks, collected)` says ended cancelled.
 */
function aioCancel(collect, counts) {
  return (n) =>
    run(
      (function* () {
        const loop = getRunningLoop();
        function* blocked() {
          started++;
          try {
            yield* loop.createFuture();
          } finally {
            cleaned++;
          }
        }
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) tasks[i] = createTask(blocked());
        yield;
        check('tasks started before cancelling', started, n);
        const t0 = performance.now();
        for (let i = 0; i < n; i++) tasks[i].cancel();
        const collected = yield* collect(tasks);
        const elapsedMs = performance.now() - t0;
        return { elapsedMs, value: counts(tasks, collected) };
      })(),
    );
}

const impls = {
  aio: async () =>
    aioCancel(
      (tasks) => wait(tasks),
      (tasks) => tasks.filter((t) => t.cancelled()).length,
    ),
  'aio-gather': async () =>
    aioCancel(
      (tasks) => gather(tasks, { returnExceptions: true }),
      (tasks, rs) =>
        tasks.filter((t, i) => t.cancelled() && rs[i] instanceof CancelledError).length,
    ),
  native: async () => async (n) => {
    async function blocked(signal) {
      started++;
      try {
        await new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      } finally {
        cleaned++;
      }
    }
    const controllers = new Array(n);
    const tasks = new Array(n);
    for (let i = 0; i < n; i++) {
      controllers[i] = new AbortController();
      tasks[i] = blocked(controllers[i].signal);
    }
    await null;
    check('tasks started before cancelling', started, n);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) controllers[i].abort();
    const settled = await Promise.allSettled(tasks);
    const elapsedMs = performance.now() - t0;
    let cancelled = 0;
    for (let i = 0; i < n; i++) if (settled[i].status === 'rejected') cancelled++;
    return { elapsedMs, value: cancelled };
  },
  effection: async () => {
    const { action, run: erun, spawn, suspend } = await import('effection');
    const tick = () =>
      action((resolve) => {
        setTimeout(resolve, 1);
        return () => {};
      });
    return (n) =>
      erun(function* () {
        const tasks = new Array(n);
        for (let i = 0; i < n; i++) {
          tasks[i] = yield* spawn(function* () {
            started++;
            try {
              yield* suspend();
            } finally {
              cleaned++;
            }
          });
        }
        for (let k = 0; started < n && k < 10_000; k++) yield* tick();
        check('tasks started before cancelling', started, n);
        const t0 = performance.now();
        const halts = new Array(n);
        for (let i = 0; i < n; i++) halts[i] = tasks[i].halt();
        for (let i = 0; i < n; i++) yield* halts[i];
        const elapsedMs = performance.now() - t0;
        return { elapsedMs, value: cleaned };
      });
  },
  effect: async () => {
    const { Effect, Fiber } = await import('effect');
    return (n) =>
      Effect.runPromise(
        Effect.gen(function* () {
          const fibers = new Array(n);
          for (let i = 0; i < n; i++) {
            fibers[i] = yield* Effect.forkChild(
              Effect.suspend(() => {
                started++;
                return Effect.ensuring(
                  Effect.never,
                  Effect.sync(() => {
                    cleaned++;
                  }),
                );
              }),
            );
          }
          // Forked fibers start in scheduler batches: wait until all have.
          for (let k = 0; started < n && k < 10_000; k++) yield* Effect.sleep(1);
          check('tasks started before cancelling', started, n);
          const t0 = performance.now();
          yield* Fiber.interruptAll(fibers);
          const elapsedMs = performance.now() - t0;
          const exits = yield* Fiber.awaitAll(fibers);
          let cancelled = 0;
          for (let i = 0; i < n; i++) {
            if (exits[i]._tag === 'Failure') cancelled++;
          }
          return { elapsedMs, value: cancelled };
        }),
      );
  },
};

main(async () => {
  const opts = options();
  const load = impls[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const fn = await load();
  await timeRuns(opts, fn, (cancelled) => {
    check('tasks ended cancelled', cancelled, opts.n);
    check('cleanups run', cleaned, opts.n);
    started = 0;
    cleaned = 0;
  });
});
