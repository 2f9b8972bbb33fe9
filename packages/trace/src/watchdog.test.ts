import {
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  type Future,
  getRunningLoop,
  isCancelledError,
  Lock,
  run,
  runSync,
  sleep,
  timeout,
  TimeoutError,
} from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { type WatchReport, watchTasks } from './index';

/** Runs `body` as 'main' on a virtual clock; returns the reports with their loop times. */
async function watched(
  opts: Parameters<typeof watchTasks>[0],
  body: () => Coro<void>,
): Promise<Array<[number, WatchReport]>> {
  const reports: Array<[number, WatchReport]> = [];
  await run(
    (function* (): Coro<void> {
      currentTask()?.setName('main');
      const loop = getRunningLoop();
      const dog = watchTasks({ ...opts, onReport: (r) => reports.push([loop.time(), r]) });
      yield* body();
      dog.stop();
    })(),
    { clock: new TestClock() },
  );
  return reports;
}

describe('watchTasks', () => {
  it('reports a task blocked longer than blockedMs, once, with its wait chain', async () => {
    const lock = new Lock();
    let never: Future<void> | undefined;
    const reports = await watched({ blockedMs: 1000 }, function* () {
      never = getRunningLoop().createFuture<void>();
      const fut = never;
      const writer = createTask(
        (function* (): Coro<void> {
          yield* lock.acquire();
          yield* fut; // never set: the writer never releases the lock
        })(),
        { name: 'writer' },
      );
      yield* sleep(10);
      const reader = createTask(lock.acquire(), { name: 'reader' });
      yield* sleep(5000);
      writer.cancel();
      reader.cancel();
      yield* sleep(1);
    });
    expect(reports.map(([t, r]) => [t, r.kind, r.task.getName(), r.ms])).toEqual([
      [1000, 'blocked', 'writer', 1000],
      [1010, 'blocked', 'reader', 1000],
    ]);
    expect(reports[1]?.[1].message).toBe(
      "aio watchdog: task 'reader' #3 has been blocked for 1000 ms: 'reader' #3 waits on Lock held by 'writer' → 'writer' #2 waits on future <Future pending>",
    );
    expect(reports[1]?.[1].chain).toBe(
      "'reader' #3 waits on Lock held by 'writer' → 'writer' #2 waits on future <Future pending>",
    );
  });

  it('ends a chain at a task that is done but still holds what it waits on', async () => {
    const lock = new Lock();
    const reports = await watched({ blockedMs: 100 }, function* () {
      yield* createTask(lock.acquire(), { name: 'leaver' }); // takes the lock, returns
      const waiter = createTask(lock.acquire(), { name: 'waiter' });
      yield* sleep(200);
      waiter.cancel();
      yield* sleep(1);
    });
    expect(reports.map(([, r]) => r.chain)).toEqual([
      "'waiter' #3 waits on Lock held by 'leaver' → 'leaver' #2 is done: it will never let go",
    ]);
  });

  it('does not report a task in its own sleep, nor one that keeps making progress', async () => {
    const reports = await watched({ blockedMs: 100 }, function* () {
      const napper = createTask(sleep(1000), { name: 'napper' });
      const busy = createTask(
        (function* (): Coro<void> {
          for (let i = 0; i < 20; i++) yield* sleep(50);
        })(),
        { name: 'busy' },
      );
      yield* napper;
      yield* busy;
    });
    // main waits on napper (a task, not a sleep of its own): reported; the others not.
    expect(reports.map(([t, r]) => [t, r.task.getName()])).toEqual([[100, 'main']]);
    expect(reports[0]?.[1].chain).toBe(
      "'main' #1 waits on task 'napper' → 'napper' #2 waits on sleep until 1000",
    );
  });

  it('reports a cancelled task that goes on running: a swallowed CancelledError', async () => {
    const reports = await watched({ blockedMs: 500 }, function* () {
      const stubborn = createTask(
        (function* (): Coro<void> {
          for (;;) {
            try {
              yield* sleep(70);
            } catch (e) {
              if (!isCancelledError(e)) throw e;
              // swallowed: the loop goes on
            }
            if (getRunningLoop().time() > 2000) return;
          }
        })(),
        { name: 'stubborn' },
      );
      yield* sleep(50);
      stubborn.cancel('shutting down');
      yield* stubborn;
    });
    const ignored = reports.filter(([, r]) => r.kind === 'cancel-ignored');
    expect(ignored.map(([t, r]) => [t, r.task.getName(), r.ms])).toEqual([[550, 'stubborn', 500]]);
    expect(ignored[0]?.[1].message).toBe(
      "aio watchdog: task 'stubborn' #2 was cancelled 500 ms ago (by 'main' #1: 'shutting down') and is still running: does it swallow CancelledError? It waits on sleep until 610",
    );
  });

  it('does not report a task that handled its cancellation (a timeout that expired)', async () => {
    const reports = await watched({ blockedMs: 200 }, function* () {
      const patient = createTask(
        (function* (): Coro<void> {
          try {
            yield* timeout(10, function* () {
              yield* sleep(1000);
            });
          } catch (e) {
            if (!(e instanceof TimeoutError)) throw e;
          }
          yield* sleep(1000); // goes on, rightly: the timeout uncancelled it
        })(),
        { name: 'patient' },
      );
      yield* sleep(1);
      yield* patient;
    });
    expect(reports.filter(([, r]) => r.kind === 'cancel-ignored')).toEqual([]);
  });

  it('reports a step that held the loop longer than slowStepMs of real time', async () => {
    let fake = 0;
    const reports = await watched(
      { blockedMs: Number.POSITIVE_INFINITY, slowStepMs: 100, now: () => fake },
      function* () {
        yield* createTask(
          (function* (): Coro<void> {
            fake += 150; // a step that takes 150 ms
            yield* sleep(1);
            fake += 20;
          })(),
          { name: 'hog' },
        );
      },
    );
    expect(reports.map(([, r]) => [r.kind, r.task.getName(), r.ms])).toEqual([
      ['slow-step', 'hog', 150],
    ]);
    expect(reports[0]?.[1].message).toBe(
      "aio watchdog: a step of task 'hog' #2 held the loop for 150 ms (it did not yield)",
    );
  });

  it('sends reports to the loop’s exception handler by default', async () => {
    const handler = vi.fn();
    await run(
      (function* (): Coro<void> {
        getRunningLoop().setExceptionHandler(handler);
        watchTasks({ blockedMs: 10 });
        const fut = getRunningLoop().createFuture<void>();
        const t = createTask(
          (function* (): Coro<void> {
            yield* fut;
          })(),
          { name: 'stuck' },
        );
        yield* sleep(20);
        fut.setResult();
        yield* t;
      })(),
      { clock: new TestClock() },
    );
    expect(handler).toHaveBeenCalledTimes(1);
    const ctx = handler.mock.calls[0]?.[1];
    expect(ctx.message).toMatch(/^aio watchdog: task 'stuck' #2 has been blocked for 10 ms/);
    expect(ctx.task.getName()).toBe('stuck');
  });

  it('times tasks that were already waiting from the moment it starts', async () => {
    const reports: Array<[number, WatchReport]> = [];
    await run(
      (function* (): Coro<void> {
        const loop = getRunningLoop();
        const fut = loop.createFuture<void>();
        const t = createTask(
          (function* (): Coro<void> {
            yield* fut;
          })(),
          { name: 'early' },
        );
        yield* sleep(1000);
        const dog = watchTasks({ blockedMs: 100, onReport: (r) => reports.push([loop.time(), r]) });
        yield* sleep(500);
        dog.stop();
        fut.setResult();
        yield* t;
      })(),
      { clock: new TestClock() },
    );
    expect(reports.map(([t, r]) => [t, r.task.getName(), r.ms])).toEqual([[1100, 'early', 100]]);
  });

  it('neither keeps an idle loop busy nor hides a deadlock', () => {
    const reports: WatchReport[] = [];
    const clock = new TestClock();
    expect(() =>
      runSync(
        (function* (): Coro<void> {
          watchTasks({ blockedMs: 100, onReport: (r) => reports.push(r) });
          const fut = getRunningLoop().createFuture<void>();
          yield* fut; // nothing will ever set it
        })(),
        { clock },
      ),
    ).toThrow(/deadlock: no task can make progress/);
    expect(reports.map((r) => r.kind)).toEqual(['blocked']);
    expect(clock.now()).toBe(100);
  });

  it('stops: no more reports, and its timer is gone', async () => {
    const reports: WatchReport[] = [];
    const clock = new TestClock();
    await run(
      (function* (): Coro<void> {
        const dog = watchTasks({ blockedMs: 100, onReport: (r) => reports.push(r) });
        const fut = getRunningLoop().createFuture<void>();
        const t = createTask(
          (function* (): Coro<void> {
            yield* fut;
          })(),
        );
        yield* sleep(50);
        dog.stop();
        expect(dog.watching).toBe(false);
        yield* sleep(500);
        fut.setResult();
        yield* t;
      })(),
      { clock },
    );
    expect(reports).toEqual([]);
    expect(clock.jumps).toBe(2); // to 50 and to 550: never to the watchdog's 100
  });

  it('rejects bad options with errors that say what was wrong', () => {
    const loop = new EventLoop();
    expect(() => watchTasks({ blockedMs: -1 }, loop)).toThrow(
      'watchTasks(): blockedMs must be a number ≥ 0 (or Infinity), got -1',
    );
    expect(() => watchTasks({ slowStepMs: 'fast' as never }, loop)).toThrow(
      "watchTasks(): slowStepMs must be a number ≥ 0 (or Infinity), got 'fast'",
    );
    expect(() => watchTasks({ onReport: 1 as never }, loop)).toThrow(
      'watchTasks(): onReport must be a function, got 1',
    );
    expect(() => watchTasks(5 as never, loop)).toThrow(
      'watchTasks(): opts must be an object, got 5',
    );
    expect(() => watchTasks()).toThrow(/^watchTasks\(\): no event loop is running/);
    loop.close();
  });
});
