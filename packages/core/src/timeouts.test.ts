import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { EventLoop } from './public';
import { CancelledError, TimeoutError } from './exceptions';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import type { Task } from './public';
import { createTask, currentTask } from './taskFunctions';
import { Timeout, timeout, timeoutAt } from './timeouts';

describe('timeout', () => {
  test('returns the body result when it finishes in time', () => {
    const out = go(function* () {
      let seen: Timeout | undefined;
      const r = yield* timeout(100, function* (t) {
        seen = t;
        expect(t.when()).toBe(0 + 100);
        expect(t.toString()).toBe('<Timeout [active] when=100>');
        yield* sleep(50);
        return 'in time';
      });
      return [r, seen?.expired(), seen?.toString(), getRunningLoop().time()];
    });
    expect(out).toEqual(['in time', false, '<Timeout [finished]>', 50]);
  });

  test('cancels an overrunning body and throws TimeoutError once it has finished', () => {
    const out = go(function* () {
      const log: string[] = [];
      let seen: Timeout | undefined;
      const e = yield* errorOf(
        timeout(30, function* (t) {
          seen = t;
          try {
            yield* sleep(1000);
          } catch (err) {
            log.push(`body got ${(err as Error).name}`);
            yield* sleep(5);
            log.push('body cleanup done');
            throw err;
          }
        }),
      );
      log.push(`${(e as Error).name} at ${getRunningLoop().time()}`);
      expect((e as Error).cause).toBeInstanceOf(CancelledError);
      expect(seen?.expired()).toBe(true);
      expect(seen?.toString()).toBe('<Timeout [expired]>');
      expect((currentTask() as Task<unknown>).cancelling()).toBe(0);
      return log;
    });
    expect(out).toEqual(['body got CancelledError', 'body cleanup done', 'TimeoutError at 35']);
  });

  test('a body that swallows the cancellation finishes normally; expired() is still true', () => {
    const out = go(function* () {
      let seen: Timeout | undefined;
      const r = yield* timeout(10, function* (t) {
        seen = t;
        try {
          yield* sleep(100);
        } catch {
          return 'swallowed';
        }
        return 'slept';
      });
      return [r, seen?.expired()];
    });
    expect(out).toEqual(['swallowed', true]);
  });

  test('a cancellation from outside stays a CancelledError', () => {
    const out = go(function* () {
      const t = createTask(
        timeout(1000, function* () {
          yield* sleep(5000);
        }),
      );
      yield* sleep(10);
      t.cancel('outside');
      const e = yield* errorOf(t);
      return [e instanceof CancelledError, (e as Error).message];
    });
    expect(out).toEqual([true, 'outside']);
  });

  test('a cancellation from outside while the timeout is expiring stays a CancelledError', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const holder: { t?: Task<unknown> } = {};
      holder.t = createTask(
        timeout(10, function* () {
          yield* sleep(5000);
        }),
      );
      // Both in the same iteration: the timeout fires, then an outside cancel.
      loop.callAt(10, () => holder.t?.cancel('outside'));
      const e = yield* errorOf(holder.t);
      return e instanceof CancelledError && !(e instanceof TimeoutError);
    });
    expect(out).toBe(true);
  });

  test('null means no deadline; reschedule() can set one later', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const e = yield* errorOf(
        timeout(null, function* (t) {
          expect(t.when()).toBeNull();
          expect(t.toString()).toBe('<Timeout [active] when=null>');
          yield* sleep(100);
          t.reschedule(loop.time() + 50);
          yield* sleep(1000);
        }),
      );
      return [(e as Error).name, loop.time()];
    });
    expect(out).toEqual(['TimeoutError', 150]);
  });

  test('reschedule() moves the deadline later or removes it', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      yield* timeout(10, function* (t) {
        t.reschedule(200);
        expect(t.when()).toBe(200);
        yield* sleep(100);
        t.reschedule(null);
        yield* sleep(500);
      });
      return loop.time();
    });
    expect(out).toBe(600);
  });

  test('reschedule() to a time already past expires the block in the next iteration', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      yield* sleep(100);
      const log: string[] = [];
      const e = yield* errorOf(
        timeout(1000, function* (t) {
          t.reschedule(50);
          log.push('rescheduled');
          yield;
          log.push('not reached');
        }),
      );
      return [log, (e as Error).name, loop.time()];
    });
    expect(out).toEqual([['rescheduled'], 'TimeoutError', 100]);
  });

  test('reschedule() outside the active state throws', () => {
    const t = new Timeout(null);
    expect(() => t.reschedule(1)).toThrow('Timeout has not been entered');
    expect(t.toString()).toBe('<Timeout [created]>');
    const out = go(function* () {
      let seen: Timeout | undefined;
      yield* timeout(10, function* (tt) {
        seen = tt;
      });
      return (() => {
        try {
          seen?.reschedule(5);
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      })();
    });
    expect(out).toBe('Cannot change state of finished Timeout');
    const expired = go(function* () {
      let seen: Timeout | undefined;
      yield* errorOf(
        timeout(10, function* (tt) {
          seen = tt;
          yield* sleep(20);
        }),
      );
      try {
        seen?.reschedule(5);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    });
    expect(expired).toBe('Cannot change state of expired Timeout');
  });

  test('nested: the outer, shorter deadline is reported by the outer block only', () => {
    // CPython 3.13: ['inner saw cancel', 'outer timeout expired=True inner=False']
    const out = go(function* () {
      const log: string[] = [];
      let outer: Timeout | undefined;
      let inner: Timeout | undefined;
      const e = yield* errorOf(
        timeout(50, function* (o) {
          outer = o;
          try {
            yield* timeout(100, function* (i) {
              inner = i;
              yield* sleep(1000);
            });
          } catch (err) {
            if (err instanceof TimeoutError) log.push('inner timeout caught');
            else if (err instanceof CancelledError) log.push('inner saw cancel');
            throw err;
          }
        }),
      );
      if (e instanceof TimeoutError) {
        log.push(`outer timeout expired=${outer?.expired()} inner=${inner?.expired()}`);
      }
      return log;
    });
    expect(out).toEqual(['inner saw cancel', 'outer timeout expired=true inner=false']);
  });

  test('nested: the inner, shorter deadline is caught inside the outer block', () => {
    const out = go(function* () {
      return yield* timeout(100, function* () {
        try {
          yield* timeout(10, function* () {
            yield* sleep(1000);
          });
          return 'no timeout';
        } catch (err) {
          return `${(err as Error).name} at ${getRunningLoop().time()}`;
        }
      });
    });
    expect(out).toBe('TimeoutError at 10');
  });

  test('a body error passes through unchanged', () => {
    const out = go(function* () {
      return yield* errorOf(
        timeout(100, function* () {
          yield;
          throw new URIError('body');
        }),
      );
    });
    expect(out).toBeInstanceOf(URIError);
  });

  test('rejects a bad delay or body', () => {
    const out = go(function* () {
      const errors: Error[] = [];
      const body = function* () {};
      errors.push((yield* errorOf(timeout(Number.NaN, body))) as Error);
      errors.push((yield* errorOf(timeout('1' as never, body))) as Error);
      errors.push((yield* errorOf(timeout(10, 'body' as never))) as Error);
      errors.push((yield* errorOf(timeout(10, (() => 42) as never))) as Error);
      errors.push((yield* errorOf(timeoutAt(Number.NaN, body))) as Error);
      errors.push((yield* errorOf(timeoutAt(10, null as never))) as Error);
      errors.push((yield* errorOf(timeoutAt(10, (() => 'x') as never))) as Error);
      return errors.map((e) => `${e.name}: ${e.message}`);
    });
    expect(out).toEqual([
      'RangeError: timeout(): delayMs must not be NaN',
      "TypeError: timeout(): delayMs must be a number (milliseconds) or null, got '1'",
      "TypeError: timeout(): body must be a generator function (t) => Coro, got 'body'",
      'TypeError: timeout(): body must return a coroutine (use function*), got 42',
      'RangeError: timeoutAt(): whenMs must not be NaN',
      'TypeError: timeoutAt(): body must be a generator function (t) => Coro, got null',
      "TypeError: timeoutAt(): body must return a coroutine (use function*), got 'x'",
    ]);
  });

  test('reschedule() rejects a bad deadline', () => {
    const out = go(function* () {
      return yield* timeout(10, function* (t) {
        try {
          t.reschedule(Number.NaN);
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message}`;
        }
        return 'no error';
      });
    });
    expect(out).toBe('RangeError: reschedule(): whenMs must not be NaN');
  });

  test('used outside a task it throws', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    let message = '';
    loop.callSoon(() => {
      try {
        timeout(10, function* () {}).next();
      } catch (e) {
        message = (e as Error).message;
      }
    });
    await loop.runUntilComplete(sleep(0));
    loop.close();
    expect(message).toBe('Timeout should be used inside a task');
  });
});

describe('timeoutAt', () => {
  test('uses an absolute deadline on the loop clock', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      yield* sleep(100);
      const deadline = loop.time() + 50;
      yield* timeoutAt(deadline, function* (t) {
        expect(t.when()).toBe(150);
        yield* sleep(20);
      });
      const e = yield* errorOf(
        timeoutAt(deadline, function* () {
          yield* sleep(100);
        }),
      );
      return [(e as Error).name, loop.time()];
    });
    expect(out).toEqual(['TimeoutError', 150]);
  });

  test('a deadline already past expires in the next iteration', () => {
    const out = go(function* () {
      yield* sleep(10);
      const log: string[] = [];
      const e = yield* errorOf(
        timeoutAt(0, function* () {
          log.push('body starts');
          yield* sleep(5);
          log.push('never');
        }),
      );
      return [log, (e as Error).name];
    });
    expect(out).toEqual([['body starts'], 'TimeoutError']);
  });

  test('null means no deadline', () => {
    const out = go(function* () {
      return yield* timeoutAt(null, function* () {
        yield* sleep(10_000);
        return 'done';
      });
    });
    expect(out).toBe('done');
  });
});
