// W3: one task awaits N things that are already done, in a loop; checks the sum.
//   aio-future      yield* fut, fut already has a result (N times the same future)
//   aio-coro        yield* one(i), one a coroutine that returns at once
//   native-promise  await p, p already resolved
//   native-async    await one(i), one an async function that returns at once
//   effection-op    yield* one(i), one a generator operation that returns at once
//   effect-succeed  yield* Effect.succeed(i) in Effect.gen
//   effect-gen      yield* one(i), one an Effect.gen that returns at once
import { getRunningLoop, run } from '@aio/core';
import { check, main, options, timeRuns, triangle } from '../lib/harness.mjs';

function* aioOne(i) {
  return i;
}

async function nativeOne(i) {
  return i;
}

const impls = {
  'aio-future': async () => (n) =>
    run(
      (function* () {
        const fut = getRunningLoop().createFuture();
        fut.setResult(1);
        let s = 0;
        for (let i = 0; i < n; i++) s += yield* fut;
        return s;
      })(),
    ),
  'aio-coro': async () => (n) =>
    run(
      (function* () {
        let s = 0;
        for (let i = 0; i < n; i++) s += yield* aioOne(i);
        return s;
      })(),
    ),
  'native-promise': async () => async (n) => {
    const p = Promise.resolve(1);
    let s = 0;
    for (let i = 0; i < n; i++) s += await p;
    return s;
  },
  'native-async': async () => async (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += await nativeOne(i);
    return s;
  },
  'effection-op': async () => {
    const { run: erun } = await import('effection');
    function* one(i) {
      return i;
    }
    return (n) =>
      erun(function* () {
        let s = 0;
        for (let i = 0; i < n; i++) s += yield* one(i);
        return s;
      });
  },
  'effect-succeed': async () => {
    const { Effect } = await import('effect');
    return (n) =>
      Effect.runPromise(
        Effect.gen(function* () {
          let s = 0;
          for (let i = 0; i < n; i++) s += yield* Effect.succeed(1);
          return s;
        }),
      );
  },
  'effect-gen': async () => {
    const { Effect } = await import('effect');
    const one = (i) =>
      Effect.gen(function* () {
        return i;
      });
    return (n) =>
      Effect.runPromise(
        Effect.gen(function* () {
          let s = 0;
          for (let i = 0; i < n; i++) s += yield* one(i);
          return s;
        }),
      );
  },
};

/** What each impl's loop adds up: the constant 1, or the index. */
const SUMS_ONES = new Set(['aio-future', 'native-promise', 'effect-succeed']);

main(async () => {
  const opts = options();
  const load = impls[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const fn = await load();
  const expected = SUMS_ONES.has(opts.impl) ? opts.n : triangle(opts.n);
  await timeRuns(opts, fn, (r) => check('sum of awaited values', r, expected));
});
