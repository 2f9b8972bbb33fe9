import { TestClock, collectGarbage, wasCollected } from '@aio/test-utils';
import { describe, expect, test } from 'vitest';
import { Barrier } from './barrier';
import { Condition } from './condition';
import { Event } from './event';
import { Lock } from './lock';
import { EventLoop, Future } from './public';
import { Queue } from './queues';
import { Semaphore } from './semaphore';
import { sleep } from './sleep';
import { taskGroup } from './taskGroup';
import { timeout, timeoutAt } from './timeouts';
import type { Coro, ExceptionContext } from './types';
import { wait } from './wait';
import { waitFor } from './waitFor';

/** What `await x` gives in plain async code: the error's message, or 'no error'. */
async function awaitMessage(x: unknown): Promise<string> {
  try {
    await x;
    return 'no error';
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

describe('awaiting a coroutine core made', () => {
  test('throws a TypeError that says to use yield* (or run/createTask), for every kind', async () => {
    const lock = new Lock();
    const body = function* (): Coro<void> {};
    const made: Array<[string, unknown]> = [
      ['sleep()', sleep(10)],
      ['Queue.get()', new Queue().get()],
      ['Queue.put()', new Queue().put(1)],
      ['Queue.join()', new Queue().join()],
      ['Lock.acquire()', lock.acquire()],
      ['Lock.hold()', lock.hold(body)],
      ['Semaphore.acquire()', new Semaphore().acquire()],
      ['Semaphore.hold()', new Semaphore().hold(body)],
      ['Condition.acquire()', new Condition().acquire()],
      ['Condition.hold()', new Condition().hold(body)],
      ['Event.wait()', new Event().wait()],
      ['Condition.wait()', new Condition().wait()],
      ['Barrier.wait()', new Barrier(2).wait()],
      ['waitFor()', waitFor(sleep(1), 10)],
      ['wait()', wait([])],
      ['timeout()', timeout(10, body)],
      ['timeoutAt()', timeoutAt(10, body)],
      ['taskGroup()', taskGroup(body)],
    ];
    for (const [name, coro] of made) {
      const call = name.replace('()', '(…)');
      expect(await awaitMessage(coro)).toBe(
        `TypeError: ${name} returned a coroutine, and \`await\` does not run a coroutine: use \`yield* ${call}\` inside a coroutine, or run it with run() / createTask()`,
      );
    }
  });

  test('Promise.resolve() of one rejects the same way, and nothing ran', async () => {
    const q = new Queue<number>();
    q.putNowait(1);
    // eslint-disable-next-line @aio/no-await-coroutine -- the mistake this test pins
    await expect(Promise.resolve(q.get())).rejects.toThrow(TypeError);
    expect(q.qsize()).toBe(1);
  });
});

describe('a coroutine never awaited (debug mode)', () => {
  /** Runs `make` on a debug loop and returns what reached the exception handler after GC. */
  async function reportsOf(
    make: () => unknown,
    debug = true,
  ): Promise<{ reports: ExceptionContext[]; collected: boolean }> {
    const loop = new EventLoop({ clock: new TestClock(), debug });
    const reports: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => reports.push(ctx));
    let ref: WeakRef<object> | undefined;
    await loop.runUntilComplete(
      (function* (): Coro<void> {
        ref = new WeakRef(make() as object);
        yield;
      })(),
    );
    loop.close();
    const collected = await wasCollected(ref as WeakRef<object>);
    await collectGarbage();
    return { reports, collected };
  }

  test('is reported when collected, with its name and where it was created', async () => {
    for (const [name, make] of [
      ['sleep()', () => sleep(10)],
      ['Queue.get()', () => new Queue().get()],
      ['Lock.acquire()', () => new Lock().acquire()],
      ['Condition.acquire()', () => new Condition().acquire()],
      ['Condition.hold()', () => new Condition().hold(function* () {})],
      ['waitFor()', () => waitFor(new Future<void>(), 5)],
    ] as const) {
      const { reports, collected } = await reportsOf(make);
      expect(collected, name).toBe(true);
      expect(reports.map((r) => r.message)).toEqual([`coroutine ${name} was never awaited`]);
      expect(String(reports[0]?.createdAt)).toContain('coroutineOp.test.ts');
    }
  });

  test('is not reported once started, nor outside debug mode', async () => {
    const startedOne = await reportsOf(() => {
      const c = sleep(0);
      c.next(); // started (a task would do this)
      return c;
    });
    expect(startedOne.collected).toBe(true);
    expect(startedOne.reports).toEqual([]);
    const quiet = await reportsOf(() => sleep(10), false);
    expect(quiet.collected).toBe(true);
    expect(quiet.reports).toEqual([]);
  });
});
