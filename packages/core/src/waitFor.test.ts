import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { CancelledError, TimeoutError } from './exceptions';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import type { Coro } from './types';
import { waitFor } from './waitFor';

describe('waitFor', () => {
  test('returns the result when the awaitable is in time', () => {
    const out = go(function* () {
      const a = yield* waitFor(sleep(10, 'coro'), 100);
      const b = yield* waitFor(createTask(sleep(10, 'task')), 100);
      const fut = getRunningLoop().createFuture<string>();
      getRunningLoop().callLater(5, () => fut.setResult('future'));
      const c = yield* waitFor(fut, 100);
      return [a, b, c, getRunningLoop().time()];
    });
    expect(out).toEqual(['coro', 'task', 'future', 25]);
  });

  test('on timeout cancels the inner awaitable, waits until it finished, then throws TimeoutError', () => {
    // CPython 3.13: ['inner finally', 'inner finally done', 'timeout CancelledError']
    const out = go(function* () {
      const log: string[] = [];
      function* inner(): Coro<void> {
        try {
          yield* sleep(10_000);
        } finally {
          log.push('inner finally');
          yield* sleep(0);
          log.push('inner finally done');
        }
      }
      const e = yield* errorOf(waitFor(inner(), 50));
      expect(e).toBeInstanceOf(TimeoutError);
      log.push(`timeout ${((e as Error).cause as Error).name} at ${getRunningLoop().time()}`);
      return log;
    });
    expect(out).toEqual(['inner finally', 'inner finally done', 'timeout CancelledError at 50']);
  });

  test('a task given to waitFor is cancelled on timeout', () => {
    const out = go(function* () {
      const t = createTask(sleep(1000));
      const e = yield* errorOf(waitFor(t, 10));
      return [e instanceof TimeoutError, t.cancelled()];
    });
    expect(out).toEqual([true, true]);
  });

  test('an inner awaitable that swallows the cancellation gives its result instead', () => {
    const out = go(function* () {
      function* stubborn(): Coro<string> {
        try {
          yield* sleep(1000);
          return 'slept';
        } catch {
          return 'refused to die';
        }
      }
      return yield* waitFor(createTask(stubborn()), 10);
    });
    expect(out).toBe('refused to die');
  });

  test('never swallows a cancellation that came from outside', () => {
    const out = go(function* () {
      const inner = createTask(sleep(1000));
      const waiter = createTask(
        (function* () {
          return yield* waitFor(inner, 500);
        })(),
      );
      yield;
      waiter.cancel('from outside');
      const e = yield* errorOf(waiter);
      return [
        e instanceof CancelledError,
        (e as Error).message,
        inner.cancelled(),
        getRunningLoop().time(),
      ];
    });
    expect(out).toEqual([true, 'from outside', true, 0]);
  });

  test('with null waits without a limit', () => {
    const out = go(function* () {
      return [yield* waitFor(sleep(100_000, 'late'), null), getRunningLoop().time()];
    });
    expect(out).toEqual(['late', 100_000]);
  });

  test('with 0 (or less) and a pending awaitable, cancels it at once: a coroutine never starts', () => {
    // CPython 3.13: the coroutine never starts; TimeoutError.
    const out = go(function* () {
      const log: string[] = [];
      function* never(): Coro<void> {
        log.push('started');
        yield;
      }
      const e = yield* errorOf(waitFor(never(), 0));
      return [e instanceof TimeoutError, ((e as Error).cause as Error).name, log];
    });
    expect(out).toEqual([true, 'CancelledError', []]);
  });

  test('with 0 and a done future returns its result at once', () => {
    const out = go(function* () {
      const f = getRunningLoop().createFuture<number>();
      f.setResult(3);
      return yield* waitFor(f, 0);
    });
    expect(out).toBe(3);
  });

  test('with 0 and an awaitable that refuses cancellation returns its result', () => {
    const out = go(function* () {
      function* stubborn(): Coro<string> {
        try {
          yield* sleep(100);
          return 'slept';
        } catch {
          return 'kept going';
        }
      }
      const t = createTask(stubborn());
      yield;
      return yield* waitFor(t, -1);
    });
    expect(out).toBe('kept going');
  });

  test('with 0 and an awaitable failing on cancellation rethrows its error', () => {
    const out = go(function* () {
      function* failing(): Coro<string> {
        try {
          yield* sleep(100);
          return 'slept';
        } catch {
          throw new RangeError('failed while cancelled');
        }
      }
      const t = createTask(failing());
      yield;
      return yield* errorOf(waitFor(t, 0));
    });
    expect(out).toBeInstanceOf(RangeError);
  });

  test('passes the error of the awaitable through', () => {
    const out = go(function* () {
      function* bad(): Coro<void> {
        yield* sleep(1);
        throw new SyntaxError('inner error');
      }
      return yield* errorOf(waitFor(bad(), 100));
    });
    expect(out).toBeInstanceOf(SyntaxError);
  });

  test('waits for a native promise', async () => {
    const out = await run(
      (function* () {
        return yield* waitFor(Promise.resolve('p'), 100);
      })(),
      { clock: new TestClock() },
    );
    expect(out).toBe('p');
  });

  test('rejects a bad timeout', () => {
    const out = go(function* () {
      const errors: Error[] = [];
      for (const bad of [Number.NaN, '10', undefined]) {
        errors.push((yield* errorOf(waitFor(sleep(1), bad as number))) as Error);
      }
      return errors;
    });
    expect(out.map((e) => `${e.name}: ${e.message}`)).toEqual([
      'RangeError: waitFor(): timeoutMs must not be NaN',
      "TypeError: waitFor(): timeoutMs must be a number (milliseconds) or null, got '10'",
      'TypeError: waitFor(): timeoutMs must be a number (milliseconds) or null, got undefined',
    ]);
  });
});
