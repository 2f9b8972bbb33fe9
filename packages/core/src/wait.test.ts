import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import type { Future, Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from './wait';
import { describeWait } from './waits';

function* fail(ms: number): Coro<never> {
  yield* sleep(ms);
  throw new Error(`failed at ${ms}`);
}

const names = (s: Set<Task<unknown>>): string[] => [...s].map((t) => t.getName()).sort();

describe('wait', () => {
  test('ALL_COMPLETED (the default) returns when every future is done', () => {
    const out = go(function* () {
      const a = createTask(sleep(10), { name: 'a' }) as Task<unknown>;
      const b = createTask(fail(20), { name: 'b' }) as Task<unknown>;
      const [done, pending] = yield* wait([a, b]);
      b.exception();
      const [done2] = yield* wait([a, b], { returnWhen: ALL_COMPLETED });
      return [names(done), names(pending), names(done2), getRunningLoop().time()];
    });
    expect(out).toEqual([['a', 'b'], [], ['a', 'b'], 20]);
  });

  test('FIRST_COMPLETED returns when any future is done, cancelling nothing', () => {
    const out = go(function* () {
      const a = createTask(sleep(30), { name: 'a' }) as Task<unknown>;
      const b = createTask(sleep(10), { name: 'b' }) as Task<unknown>;
      const [done, pending] = yield* wait([a, b], { returnWhen: FIRST_COMPLETED });
      const t = getRunningLoop().time();
      const cancelled = a.cancelled();
      a.cancel();
      return [names(done), names(pending), t, cancelled];
    });
    expect(out).toEqual([['b'], ['a'], 10, false]);
  });

  test('FIRST_EXCEPTION returns at the first failure, or when all are done', () => {
    const out = go(function* () {
      const a = createTask(sleep(30), { name: 'a' }) as Task<unknown>;
      const b = createTask(sleep(5), { name: 'b' }) as Task<unknown>;
      const c = createTask(fail(10), { name: 'c' }) as Task<unknown>;
      const [done, pending] = yield* wait([a, b, c], { returnWhen: FIRST_EXCEPTION });
      const t1 = getRunningLoop().time();
      c.exception();
      const d = createTask(sleep(5), { name: 'd' }) as Task<unknown>;
      const [done2, pending2] = yield* wait([a, d], { returnWhen: FIRST_EXCEPTION });
      return [names(done), names(pending), t1, names(done2), names(pending2)];
    });
    expect(out).toEqual([['b', 'c'], ['a'], 10, ['a', 'd'], []]);
  });

  test.each([
    [ALL_COMPLETED, false, [false, false, true]],
    [ALL_COMPLETED, true, [false, false, true]],
    [FIRST_EXCEPTION, false, [false, false, true]],
    [FIRST_EXCEPTION, true, [false, true, true]],
    [FIRST_COMPLETED, false, [true, true, true]],
  ] as const)(
    '%s (a failure: %s) wakes the waiting task where asyncio does',
    (returnWhen, fail, ready) => {
      // Three futures finish in one iteration, callbacks queued between: each callback
      // sees whether the waiting task was woken yet. CPython 3.13 gives the same lines
      // (reading `task._fut_waiter.done()`).
      const log = go(function* () {
        const loop = getRunningLoop();
        const log: string[] = [];
        const futs = [loop.createFuture(), loop.createFuture(), loop.createFuture()];
        const waiting = createTask(
          (function* () {
            yield* wait(futs, { returnWhen });
            log.push('woken');
          })(),
        );
        yield;
        const note = (what: string) => () =>
          log.push(`${what} ready=${describeWait(waiting).kind === 'ready'}`);
        loop.callSoon(() => {
          futs[1]?.setResult(1);
          loop.callSoon(note('cb after 1'));
          if (fail) futs[0]?.setException(new Error('zero'));
          else futs[0]?.setResult(0);
          loop.callSoon(note('cb after 0'));
          futs[2]?.setResult(2);
          loop.callSoon(note('cb after 2'));
        });
        yield* waiting;
        if (fail) (futs[0] as Future<unknown>).exception();
        return log;
      });
      expect(log).toEqual([
        `cb after 1 ready=${ready[0]}`,
        `cb after 0 ready=${ready[1]}`,
        `cb after 2 ready=${ready[2]}`,
        'woken',
      ]);
    },
  );

  test('a timeout returns what is done so far and cancels nothing', () => {
    const out = go(function* () {
      const a = createTask(sleep(100), { name: 'a' }) as Task<unknown>;
      const b = createTask(sleep(10), { name: 'b' }) as Task<unknown>;
      const [done, pending] = yield* wait([a, b], { timeout: 50 });
      const t = getRunningLoop().time();
      const cancelled = a.cancelled();
      yield* a;
      return [names(done), names(pending), t, cancelled];
    });
    expect(out).toEqual([['b'], ['a'], 50, false]);
  });

  test('futures already done are reported done', () => {
    const out = go(function* () {
      const f = getRunningLoop().createFuture<number>();
      f.setResult(1);
      const [done, pending] = yield* wait([f], { returnWhen: FIRST_COMPLETED, timeout: null });
      return [done.has(f), pending.size];
    });
    expect(out).toEqual([true, 0]);
  });

  test('a future passed twice counts once', () => {
    const out = go(function* () {
      const a = createTask(sleep(1)) as Task<unknown>;
      const [done] = yield* wait([a, a]);
      return done.size;
    });
    expect(out).toBe(1);
  });

  test('cancelling the waiting task leaves the futures running', () => {
    const out = go(function* () {
      const a = createTask(sleep(100)) as Task<unknown>;
      const w = createTask(wait([a]));
      yield;
      w.cancel();
      yield* errorOf(w);
      return [w.cancelled(), a.cancelled(), a.done()];
    });
    expect(out).toEqual([true, false, false]);
  });

  test('rejects an empty set, coroutines, non-futures, a single future, bad options', () => {
    const out = go(function* () {
      const f = getRunningLoop().createFuture();
      const errs: Error[] = [];
      const tries: Array<() => Coro<unknown>> = [
        () => wait([]),
        () => wait([sleep(1)] as never),
        () => wait([Promise.resolve(1)] as never),
        () => wait(f as never),
        () => wait(42 as never),
        () => wait([f], { returnWhen: 'SOMETIMES' as never }),
        () => wait([f], { timeout: Number.NaN }),
        () => wait([f], { timeout: '1' as never }),
      ];
      for (const t of tries) errs.push((yield* errorOf(t())) as Error);
      f.cancel();
      return errs.map((e) => `${e.name}: ${e.message}`);
    });
    expect(out).toEqual([
      'RangeError: wait(): the set of tasks/futures is empty',
      'TypeError: wait(): passing coroutines is forbidden, wrap them in tasks with createTask()',
      'TypeError: wait(): every item must be a Future or Task, got [object Promise] (wrap promises with wrapPromise())',
      'TypeError: wait(): expected an iterable of futures, got <Future pending>',
      'TypeError: wait(): expected an iterable of futures, got 42',
      "RangeError: wait(): invalid returnWhen value: 'SOMETIMES'",
      'RangeError: wait(): timeout must not be NaN',
      "TypeError: wait(): timeout must be a number (milliseconds) or null, got '1'",
    ]);
  });
});
