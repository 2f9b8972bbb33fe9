import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { asCompleted } from './asCompleted';
import { EventLoop, Future } from './public';
import { sleep } from './sleep';
import { timeout, timeoutAt } from './timeouts';
import type { Coro } from './types';
import { checkBody, checkTime } from './validate';
import { wait } from './wait';
import { waitFor } from './waitFor';

/** `Name: message` of what `f` throws (synchronously or from its coroutine). */
function* failure(f: () => unknown): Coro<string> {
  let e: unknown;
  try {
    const r = f();
    e = (r as { next?: unknown })?.next ? yield* errorOf(r as Coro<unknown>) : 'no error';
  } catch (err) {
    e = err;
  }
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

describe('the one rule for time arguments', () => {
  test('checkTime: TypeError for a non-number, RangeError for NaN, null only where allowed', () => {
    expect(() => checkTime('1', 'f', 'ms')).toThrow(
      new TypeError("f(): ms must be a number (milliseconds), got '1'"),
    );
    expect(() => checkTime(null, 'f', 'ms')).toThrow(
      new TypeError('f(): ms must be a number (milliseconds), got null'),
    );
    expect(() => checkTime(undefined, 'f', 'ms', true)).toThrow(
      new TypeError('f(): ms must be a number (milliseconds) or null, got undefined'),
    );
    expect(() => checkTime(Number.NaN, 'f', 'ms', true)).toThrow(
      new RangeError('f(): ms must not be NaN'),
    );
    for (const ok of [0, -5, 1.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => checkTime(ok, 'f', 'ms')).not.toThrow();
    }
    expect(() => checkTime(null, 'f', 'ms', true)).not.toThrow();
  });

  test('every function that takes a time applies it: NaN is a RangeError everywhere', () => {
    const loop = new EventLoop();
    try {
      expect(() => loop.callLater(Number.NaN, () => {})).toThrow(
        new RangeError('callLater(): delayMs must not be NaN'),
      );
      expect(() => loop.callAt(Number.NaN, () => {})).toThrow(
        new RangeError('callAt(): whenMs must not be NaN'),
      );
    } finally {
      loop.close();
    }
    const out = go(function* () {
      const f = new Future<void>();
      const body = function* (): Coro<void> {};
      const errors: string[] = [];
      for (const call of [
        () => sleep(Number.NaN),
        () => timeout(Number.NaN, body),
        () => timeoutAt(Number.NaN, body),
        () => wait([f], { timeout: Number.NaN }),
        () => waitFor(f, Number.NaN),
        () => asCompleted([f], { timeout: Number.NaN }),
      ]) {
        errors.push(yield* failure(call));
      }
      f.cancel();
      return errors;
    });
    expect(out).toEqual([
      'RangeError: sleep(): ms must not be NaN',
      'RangeError: timeout(): delayMs must not be NaN',
      'RangeError: timeoutAt(): whenMs must not be NaN',
      'RangeError: wait(): timeout must not be NaN',
      'RangeError: waitFor(): timeoutMs must not be NaN',
      'RangeError: asCompleted(): timeout must not be NaN',
    ]);
  });

  test('and a non-number is a TypeError everywhere', () => {
    const out = go(function* () {
      const f = new Future<void>();
      const body = function* (): Coro<void> {};
      const errors: string[] = [];
      for (const call of [
        () => sleep('5' as never),
        () => timeout('5' as never, body),
        () => timeoutAt('5' as never, body),
        () => wait([f], { timeout: '5' as never }),
        () => waitFor(f, '5' as never),
        () => asCompleted([f], { timeout: '5' as never }),
      ]) {
        errors.push(yield* failure(call));
      }
      f.cancel();
      return errors;
    });
    expect(out).toEqual([
      "TypeError: sleep(): ms must be a number (milliseconds), got '5'",
      "TypeError: timeout(): delayMs must be a number (milliseconds) or null, got '5'",
      "TypeError: timeoutAt(): whenMs must be a number (milliseconds) or null, got '5'",
      "TypeError: wait(): timeout must be a number (milliseconds) or null, got '5'",
      "TypeError: waitFor(): timeoutMs must be a number (milliseconds) or null, got '5'",
      "TypeError: asCompleted(): timeout must be a number (milliseconds) or null, got '5'",
    ]);
  });
});

describe('checkBody', () => {
  test('names the coroutine-instead-of-function mistake', () => {
    function* work(): Coro<void> {}
    expect(() => checkBody(work(), 'Lock.hold', '() => Coro')).toThrow(
      new TypeError(
        'Lock.hold(): body must be a generator function () => Coro, got coroutine (pass the function, not the coroutine it returns)',
      ),
    );
    expect(() => checkBody(42, 'taskGroup', '(tg) => Coro')).toThrow(
      new TypeError('taskGroup(): body must be a generator function (tg) => Coro, got 42'),
    );
    expect(() => checkBody(work, 'Lock.hold', '() => Coro')).not.toThrow();
  });
});
