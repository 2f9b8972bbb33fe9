import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { asCompleted } from './asCompleted';
import { TimeoutError } from './exceptions';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

describe('asCompleted', () => {
  test('gives the results in completion order', () => {
    const out = go(function* () {
      const results: string[] = [];
      for (const next of asCompleted([
        sleep(30, 'c'),
        sleep(10, 'a'),
        createTask(sleep(20, 'b')),
      ])) {
        results.push(`${yield* next}@${getRunningLoop().time()}`);
      }
      return results;
    });
    expect(out).toEqual(['a@10', 'b@20', 'c@30']);
  });

  test('with a timeout, the remaining ones throw TimeoutError', () => {
    // CPython 3.13: ['a', 'c', 'timeout']
    const out = go(function* () {
      const out: string[] = [];
      for (const next of asCompleted([sleep(30, 'c'), sleep(10, 'a'), sleep(1000, 'z')], {
        timeout: 50,
      })) {
        try {
          out.push(yield* next);
        } catch (e) {
          out.push(e instanceof TimeoutError ? `timeout@${getRunningLoop().time()}` : 'other');
        }
      }
      return out;
    });
    expect(out).toEqual(['a', 'c', 'timeout@50']);
  });

  test('an error is thrown at its place in the completion order', () => {
    const out = go(function* () {
      function* bad(): Coro<string> {
        yield* sleep(5);
        throw new Error('bad one');
      }
      const out: string[] = [];
      for (const next of asCompleted([sleep(10, 'ok'), bad()])) {
        try {
          out.push(yield* next);
        } catch (e) {
          out.push((e as Error).message);
        }
      }
      return out;
    });
    expect(out).toEqual(['bad one', 'ok']);
  });

  test('the iterator yields one coroutine per distinct awaitable, then ends', () => {
    go(function* () {
      const t = createTask(sleep(1, 'x'));
      const it = asCompleted([t, t]);
      expect(it[Symbol.iterator]()).toBe(it);
      const first = it.next();
      expect(first.done).toBe(false);
      expect(it.next()).toEqual({ done: true, value: undefined });
      expect(yield* first.value).toBe('x');
      expect([...asCompleted([])]).toEqual([]);
    });
  });

  test('already-done futures come first', () => {
    const out = go(function* () {
      const f = getRunningLoop().createFuture<string>();
      f.setResult('done already');
      const out: string[] = [];
      for (const next of asCompleted([sleep(1, 'later'), f])) out.push(yield* next);
      return out;
    });
    expect(out).toEqual(['done already', 'later']);
  });

  test('the coroutines can be awaited concurrently by several tasks', () => {
    const out = go(function* () {
      const nexts = [...asCompleted([sleep(20, 'slow'), sleep(10, 'fast')])];
      const tasks = nexts.map((n) => createTask(n));
      const r: string[] = [];
      for (const t of tasks) r.push(yield* t);
      return r;
    });
    expect(out).toEqual(['fast', 'slow']);
  });

  test('a cancelled consumer does not lose a result for the others', () => {
    const out = go(function* () {
      const nexts = [...asCompleted([sleep(10, 'one'), sleep(20, 'two')])];
      const a = createTask(nexts[0] as Coro<string>);
      const b = createTask(nexts[1] as Coro<string>);
      yield;
      a.cancel();
      yield* errorOf(a);
      const r = yield* b;
      return [a.cancelled(), r];
    });
    expect(out).toEqual([true, 'one']);
  });

  test('a consumer cancelled right after being woken passes the result on', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const f = loop.createFuture<string>();
      const nexts = [...asCompleted([f, sleep(50, 'second')])];
      const a = createTask(nexts[0] as Coro<string>);
      const b = createTask(nexts[1] as Coro<string>);
      yield;
      // Complete f; its completion callback wakes a's getter in the next iteration.
      f.setResult('first');
      yield;
      // a's getter is resolved now but a has not run yet: cancel it.
      a.cancel();
      yield* errorOf(a);
      return [yield* b, loop.time()];
    });
    expect(out).toEqual(['first', 0]);
  });

  test('accepts native promises', async () => {
    const out = await run(
      (function* () {
        const r: string[] = [];
        for (const next of asCompleted([Promise.resolve('p')])) r.push(yield* next);
        return r;
      })(),
      { clock: new TestClock() },
    );
    expect(out).toEqual(['p']);
  });

  test('rejects a single future or coroutine, a non-iterable and a bad timeout', () => {
    go(function* () {
      const f = getRunningLoop().createFuture();
      expect(() => asCompleted(f as never)).toThrow(
        'asCompleted(): expected an iterable of awaitables, got <Future pending>',
      );
      expect(() => asCompleted(sleep(1) as never)).toThrow(
        'asCompleted(): expected an iterable of awaitables, got coroutine',
      );
      expect(() => asCompleted(7 as never)).toThrow(
        'asCompleted(): expected an iterable of awaitables, got 7',
      );
      expect(() => asCompleted([f], { timeout: Number.NaN })).toThrow(RangeError);
      expect(() => asCompleted([f], { timeout: Number.NaN })).toThrow(
        'asCompleted(): timeout must not be NaN',
      );
      expect(() => asCompleted([f], { timeout: '5' as never })).toThrow(
        "asCompleted(): timeout must be a number (milliseconds) or null, got '5'",
      );
      f.cancel();
      yield;
    });
  });
});
