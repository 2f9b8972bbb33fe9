import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from './wait';

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
