// W4: N sleepers with random whole-millisecond delays (a fixed seed, the same for
// every implementation). Each sleeper counts itself when it wakes; the case checks
// the count and, on virtual time, that the clock ends at the largest delay.
//
// Virtual time (delays 0–1000 ms, --max to change), sample = wall time of the run:
//   aio-virtual         run(main, { clock: new VirtualClock() }); tasks sleep; gather
//   aio-virtual-sync    the same with runSync
//   fake-timers         async functions awaiting a @sinonjs/fake-timers setTimeout
//                       promise; clock.runAllAsync() (fake-timers' way to let promise
//                       continuations run between timers)
//   fake-timers-cb      callbacks only (no promises), clock.runAll(): the timer floor
//   effection-virtual   Effection spawn × N sleep(d), with fake-timers installed over
//                       the global setTimeout (Effection has no clock of its own)
//   effect-testclock    Effect.forkChild × N Effect.sleep(d); TestClock.adjust(max)
// Real time (delays 0–50 ms), sample = wall time minus the largest delay (overhead):
//   aio-real, native-real (setTimeout promises + Promise.all), effection-real,
//   effect-real
import { createTask, gather, getRunningLoop, run, runSync, sleep } from '@aio/core';
import { check, delays, main, options, timeRuns } from '../lib/harness.mjs';

let woken = 0;

function maxOf(d) {
  let m = 0;
  for (let i = 0; i < d.length; i++) if (d[i] > m) m = d[i];
  return m;
}

function* aioSleeper(ms) {
  yield* sleep(ms);
  woken++;
}

function* aioMain(d) {
  const tasks = new Array(d.length);
  for (let i = 0; i < d.length; i++) tasks[i] = createTask(aioSleeper(d[i]));
  yield* gather(tasks);
  return getRunningLoop().time();
}

async function loadVirtualClock() {
  const { VirtualClock } = await import('@aio/timers');
  return VirtualClock;
}

async function loadFakeTimers() {
  const mod = await import('@sinonjs/fake-timers');
  return mod.default ?? mod;
}

const virtual = {
  'aio-virtual': async () => {
    const VirtualClock = await loadVirtualClock();
    return (d) => run(aioMain(d), { clock: new VirtualClock() });
  },
  'aio-virtual-sync': async () => {
    const VirtualClock = await loadVirtualClock();
    return (d) => runSync(aioMain(d), { clock: new VirtualClock() });
  },
  'fake-timers': async () => {
    const FakeTimers = await loadFakeTimers();
    return async (d) => {
      const clock = FakeTimers.createClock(0, d.length + 10);
      const sleeper = async (ms) => {
        await new Promise((resolve) => clock.setTimeout(resolve, ms));
        woken++;
      };
      const all = new Array(d.length);
      for (let i = 0; i < d.length; i++) all[i] = sleeper(d[i]);
      await clock.runAllAsync();
      await Promise.all(all);
      return clock.now;
    };
  },
  'fake-timers-cb': async () => {
    const FakeTimers = await loadFakeTimers();
    return async (d) => {
      const clock = FakeTimers.createClock(0, d.length + 10);
      const wake = () => {
        woken++;
      };
      for (let i = 0; i < d.length; i++) clock.setTimeout(wake, d[i]);
      clock.runAll();
      return clock.now;
    };
  },
  'effection-virtual': async () => {
    const FakeTimers = await loadFakeTimers();
    const { all, run: erun, sleep: esleep, spawn } = await import('effection');
    return async (d) => {
      const clock = FakeTimers.install({
        toFake: ['setTimeout', 'clearTimeout'],
        loopLimit: d.length + 10,
      });
      try {
        const done = erun(function* () {
          const tasks = new Array(d.length);
          for (let i = 0; i < d.length; i++) {
            const ms = d[i];
            tasks[i] = yield* spawn(function* () {
              yield* esleep(ms);
              woken++;
            });
          }
          yield* all(tasks);
        });
        await clock.runAllAsync();
        await done;
        return clock.now;
      } finally {
        clock.uninstall();
      }
    };
  },
  'effect-testclock': async () => {
    const { Effect, Fiber } = await import('effect');
    const { TestClock } = await import('effect/testing');
    return (d) => {
      const max = maxOf(d);
      const program = Effect.gen(function* () {
        const fibers = new Array(d.length);
        for (let i = 0; i < d.length; i++) {
          fibers[i] = yield* Effect.forkChild(
            Effect.sync(() => {
              woken++;
            }).pipe(Effect.delay(d[i])),
          );
        }
        yield* TestClock.adjust(max);
        yield* Fiber.joinAll(fibers);
        return yield* TestClock.testClockWith((c) => Effect.succeed(c.currentTimeMillisUnsafe()));
      });
      return Effect.runPromise(Effect.provide(program, TestClock.layer()));
    };
  },
};

const real = {
  'aio-real': async () => (d) => run(aioMain(d)),
  'native-real': async () => async (d) => {
    const sleeper = async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      woken++;
    };
    const all = new Array(d.length);
    for (let i = 0; i < d.length; i++) all[i] = sleeper(d[i]);
    await Promise.all(all);
  },
  'effection-real': async () => {
    const { all, run: erun, sleep: esleep, spawn } = await import('effection');
    return (d) =>
      erun(function* () {
        const tasks = new Array(d.length);
        for (let i = 0; i < d.length; i++) {
          const ms = d[i];
          tasks[i] = yield* spawn(function* () {
            yield* esleep(ms);
            woken++;
          });
        }
        yield* all(tasks);
      });
  },
  'effect-real': async () => {
    const { Effect, Fiber } = await import('effect');
    return (d) =>
      Effect.runPromise(
        Effect.gen(function* () {
          const fibers = new Array(d.length);
          for (let i = 0; i < d.length; i++) {
            fibers[i] = yield* Effect.forkChild(
              Effect.sync(() => {
                woken++;
              }).pipe(Effect.delay(d[i])),
            );
          }
          yield* Fiber.joinAll(fibers);
        }),
      );
  },
};

main(async () => {
  const opts = options();
  const isReal = opts.impl in real;
  const load = isReal ? real[opts.impl] : virtual[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const max = Number(opts.max ?? (isReal ? 50 : 1000));
  const d = delays(opts.n, max);
  const dmax = maxOf(d);
  const fn = await load();
  const verify = (endTime) => {
    check('sleepers woken', woken, opts.n);
    if (!isReal) check('virtual time at the end', endTime, dmax);
    woken = 0;
  };
  if (!isReal) {
    await timeRuns(opts, () => fn(d), verify);
    return;
  }
  // Real clock: report the overhead, the wall time past the largest delay.
  await timeRuns(
    opts,
    () => fn(d),
    () => verify(),
    { subtract: dmax, metric: 'overhead' },
  );
});
