import { describe, expect, test } from 'vitest';
import { go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { gather } from './gather';
import { EventLoop, Future } from './public';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import type { Coro } from './types';
import { describeWait, getAwaitedBy } from './waits';

describe('sleep', () => {
  test('suspends the task for the given milliseconds of loop time', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const t0 = loop.time();
      yield* sleep(1500);
      const t1 = loop.time();
      yield* sleep(0.5);
      return [t0, t1, loop.time()];
    });
    expect(out).toEqual([0, 1500, 1500.5]);
  });

  test('evaluates to the result given', () => {
    const out = go(function* () {
      const a = yield* sleep(10, 'value');
      const b = yield* sleep(0, 42);
      const c = yield* sleep(-1, true);
      const d = yield* sleep(5);
      return [a, b, c, d];
    });
    expect(out).toEqual(['value', 42, true, undefined]);
  });

  test('sleep(0) and negative delays give up control for exactly one iteration', () => {
    const log = go(function* () {
      const log: string[] = [];
      const loop = getRunningLoop();
      loop.callSoon(() => {
        log.push('cb1');
        loop.callSoon(() => log.push('cb2'));
      });
      yield* sleep(0);
      log.push('after sleep(0)');
      yield* sleep(-10);
      log.push('after sleep(-10)');
      return log;
    });
    expect(log).toEqual(['cb1', 'after sleep(0)', 'cb2', 'after sleep(-10)']);
  });

  test('sleepers wake in deadline order, equal deadlines in the order they slept', () => {
    const log = go(function* () {
      const log: string[] = [];
      function* s(name: string, ms: number): Coro<void> {
        yield* sleep(ms);
        log.push(name);
      }
      const ts = [
        createTask(s('c', 30)),
        createTask(s('a1', 10)),
        createTask(s('b', 20)),
        createTask(s('a2', 10)),
      ];
      for (const t of ts) yield* t;
      return log;
    });
    expect(log).toEqual(['a1', 'a2', 'b', 'c']);
  });

  test('rejects NaN with a RangeError and non-numbers with a TypeError, inside the coroutine', () => {
    const out = go(function* () {
      const errors: unknown[] = [];
      for (const bad of [Number.NaN, '10', undefined]) {
        try {
          yield* sleep(bad as number);
        } catch (e) {
          errors.push(e);
        }
      }
      return errors;
    });
    expect(out[0]).toBeInstanceOf(RangeError);
    expect((out[0] as Error).message).toBe('sleep(): ms must not be NaN');
    expect(out[1]).toBeInstanceOf(TypeError);
    expect((out[1] as Error).message).toBe("sleep(): ms must be a number (milliseconds), got '10'");
    expect((out[2] as Error).message).toBe(
      'sleep(): ms must be a number (milliseconds), got undefined',
    );
  });

  test('creating a sleep coroutine runs nothing, even with a bad argument', () => {
    expect(() => sleep(Number.NaN)).not.toThrow();
  });

  test('a cancelled sleep cancels its timer: the clock never visits its deadline', () => {
    const clock = new TestClock();
    const out = go(function* () {
      const loop = getRunningLoop();
      const t = createTask(sleep(1000));
      yield;
      t.cancel();
      const fut = loop.createFuture<void>();
      loop.callLater(2000, () => fut.setResult());
      yield* fut;
      return [t.cancelled(), loop.time()];
    }, clock);
    expect(out).toEqual([true, 2000]);
    // One jump (to 2000), not two (1000 then 2000).
    expect(clock.jumps).toBe(1);
  });

  test('outside a running loop a positive sleep throws when started', () => {
    const gen = sleep(10);
    expect(() => gen.next()).toThrow('no running event loop');
  });

  test('a sleep on a real clock waits for the host timer', async () => {
    const loop = new EventLoop();
    const t0 = performance.now();
    await loop.runUntilComplete(sleep(20));
    // Not a timing assertion: only that it did not return before its deadline.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(19);
    loop.close();
  });

  test('a sleeping task shows it waits on a pending Future', () => {
    const out = go(function* () {
      const t = createTask(sleep(100), { name: 'sleeper' });
      yield;
      const shown = t.toString();
      yield* t;
      return [shown, t.toString()];
    });
    expect(out).toEqual([
      "<Task pending name='sleeper' waiting=<Future pending>>",
      "<Task finished result=undefined name='sleeper'>",
    ]);
  });

  test('the future describeWait hands out for a sleep is a real Future that ends with it', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const t = createTask(sleep(100, 'r'));
      yield;
      const fut = describeWait(t).future as Future<unknown>;
      const log: string[] = [];
      fut.addDoneCallback((f) => log.push(`done ${String(f.result())} at ${loop.time()}`));
      const awaitedBy = getAwaitedBy(fut);
      const again = describeWait(t).future === fut;
      const result = yield* t;
      yield;
      return [fut instanceof Future, String(fut), awaitedBy[0] === t, again, result, log];
    });
    expect(out).toEqual([true, "<Future finished result='r'>", true, true, 'r', ['done r at 100']]);
  });

  test('cancelling the future that stands for a sleep cancels the sleeping task', () => {
    const clock = new TestClock();
    const out = go(function* () {
      const loop = getRunningLoop();
      const t = createTask(sleep(1000));
      yield;
      (describeWait(t).future as Future<unknown>).cancel('stop');
      yield;
      yield;
      return [t.cancelled(), loop.time()];
    }, clock);
    expect(out).toEqual([true, 0]);
    // The timer went with it: the clock never jumped to 1000.
    expect(clock.jumps).toBe(0);
  });

  test('a sleep given to gather is a coroutine: it is wrapped in a task', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const results = yield* gather(sleep(20, 'a'), sleep(10, 'b'));
      return [results, loop.time()];
    });
    expect(out).toEqual([['a', 'b'], 20]);
  });
});
