import {
  allTasks,
  CancelledError,
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  getRunningLoop,
  isCancelledError,
  run,
  sleep,
  wait,
} from '@aio/core';
import type { Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { toObservable } from './toObservable';

const clock = () => ({ clock: new TestClock() });

type Note = string;

/** Subscribes and records notifications as strings, with the loop time. */
function record<T>(obs: Observable<T>, log: Note[]) {
  return obs.subscribe({
    next: (v) => log.push(`next ${String(v)} @${getRunningLoop().time()}`),
    error: (e: unknown) => log.push(`error ${(e as Error).name}: ${(e as Error).message}`),
    complete: () => log.push('complete'),
  });
}

describe('toObservable of a Future or Task (hot)', () => {
  it('emits the result then completes, for every subscriber, in the loop', async () => {
    const a: Note[] = [];
    const b: Note[] = [];
    function* main(): Coro<void> {
      const task = createTask(sleep(100, 'v'));
      const obs = toObservable(task);
      record(obs, a);
      yield* sleep(50);
      record(obs, b);
      yield* task;
      yield* sleep(0);
    }
    await run(main(), clock());
    expect(a).toEqual(['next v @100', 'complete']);
    expect(b).toEqual(['next v @100', 'complete']);
  });

  it('emits synchronously when the future is already done', async () => {
    function* main(): Coro<Note[]> {
      const fut = getRunningLoop().createFuture<number>();
      fut.setResult(5);
      const log: Note[] = [];
      record(toObservable(fut), log);
      log.push('after subscribe');
      return log;
    }
    expect(await run(main(), clock())).toEqual(['next 5 @0', 'complete', 'after subscribe']);
  });

  it('errors with the very exception of a failed future', async () => {
    const boom = new Error('boom');
    function* main(): Coro<unknown> {
      const fut = getRunningLoop().createFuture<number>();
      let got: unknown;
      toObservable(fut).subscribe({ error: (e) => (got = e) });
      fut.setException(boom);
      yield* sleep(0);
      return got;
    }
    expect(await run(main(), clock())).toBe(boom);
  });

  it('errors with a CancelledError (and its message) when the future is cancelled', async () => {
    function* main(): Coro<Note[]> {
      const fut = getRunningLoop().createFuture<number>();
      const log: Note[] = [];
      record(toObservable(fut), log);
      fut.cancel('called off');
      yield* sleep(0);
      return log;
    }
    expect(await run(main(), clock())).toEqual(['error CancelledError: called off']);
  });

  it('leaves the future alone when subscribers leave, by default', async () => {
    function* main(): Coro<boolean> {
      const task = createTask(sleep(10));
      toObservable(task).subscribe().unsubscribe();
      yield* task;
      return task.cancelled();
    }
    expect(await run(main(), clock())).toBe(false);
  });

  it('with cancelOnUnsubscribe, cancels when the last subscriber leaves, not before', async () => {
    function* main(): Coro<string> {
      const task = createTask(sleep(1000));
      const obs = toObservable(task, { cancelOnUnsubscribe: true });
      const s1 = obs.subscribe();
      const s2 = obs.subscribe();
      s1.unsubscribe();
      yield* sleep(1);
      expect(task.cancelling()).toBe(0);
      s2.unsubscribe();
      expect(task.cancelling()).toBe(1);
      try {
        yield* task;
        return 'finished';
      } catch (e) {
        return (e as Error).message;
      }
    }
    expect(await run(main(), clock())).toBe('toObservable(): the last subscriber unsubscribed');
  });
});

describe('toObservable of a coroutine factory (cold)', () => {
  it('starts a new task per subscription and emits its result', async () => {
    let started = 0;
    function* job(): Coro<number> {
      const n = ++started;
      yield* sleep(10 * n);
      return n;
    }
    const a: Note[] = [];
    const b: Note[] = [];
    function* main(): Coro<void> {
      const obs = toObservable(() => job());
      expect(started).toBe(0);
      record(obs, a);
      record(obs, b);
      yield* sleep(100);
    }
    await run(main(), clock());
    expect(started).toBe(2);
    expect(a).toEqual(['next 1 @10', 'complete']);
    expect(b).toEqual(['next 2 @20', 'complete']);
  });

  it("cancels the subscription's task when it unsubscribes", async () => {
    const log: string[] = [];
    function* job(): Coro<number> {
      try {
        yield* sleep(1000);
        return 1;
      } catch (e) {
        if (isCancelledError(e)) log.push(`task cancelled: ${e.message}`);
        throw e;
      }
    }
    function* main(): Coro<number> {
      const sub = toObservable(() => job()).subscribe(() => log.push('value'));
      yield* sleep(10);
      expect(allTasks().size).toBe(2);
      sub.unsubscribe();
      yield* sleep(0);
      return allTasks().size;
    }
    expect(await run(main(), clock())).toBe(1);
    expect(log).toEqual(['task cancelled: toObservable(): unsubscribed']);
  });

  it("errors with the very error the task raised, and with the factory's error", async () => {
    const boom = new Error('boom');
    function* fails(): Coro<number> {
      yield* sleep(1);
      throw boom;
    }
    const oops = new Error('factory failed');
    function* main(): Coro<unknown[]> {
      const got: unknown[] = [];
      toObservable(() => fails()).subscribe({ error: (e) => got.push(e) });
      toObservable((): Coro<number> => {
        throw oops;
      }).subscribe({ error: (e) => got.push(e) });
      yield* sleep(5);
      return got;
    }
    expect(await run(main(), clock())).toEqual([oops, boom]);
  });

  it('runs on the given loop when subscribed from outside any loop', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    function* job(): Coro<string> {
      yield* sleep(5);
      return `at ${getRunningLoop().time()}`;
    }
    const got: string[] = [];
    const sub = toObservable(() => job(), { loop }).subscribe((v) => got.push(v));
    await loop.runUntilComplete(sleep(10));
    loop.close();
    expect(got).toEqual(['at 5']);
    expect(sub.closed).toBe(true);
  });

  it('errors clearly when subscribed with no loop to run on', () => {
    let got: unknown;
    toObservable(function* (): Coro<number> {
      return 1;
    }).subscribe({ error: (e) => (got = e) });
    expect(got).toEqual(
      new Error(
        'toObservable(): no running event loop to start the task on: subscribe from a ' +
          'coroutine or a loop callback, or pass { loop }',
      ),
    );
  });

  it('refuses a source that is neither a Future, a Queue, an AioIterator nor a function', () => {
    expect(() => toObservable(Promise.resolve(1) as never)).toThrow(
      new TypeError(
        'toObservable(): source must be an aio Future or Task, a Queue, an AioIterator, or a ' +
          'function returning a coroutine or an AioIterator, got an object of class Promise',
      ),
    );
  });

  it("passes a TaskGroup whose tasks finish before the coroutine's result is emitted", async () => {
    const log: Note[] = [];
    function* main(): Coro<void> {
      record(
        toObservable((tg) => {
          tg.createTask(
            (function* (): Coro<void> {
              yield* sleep(30);
              log.push(`helper done @${getRunningLoop().time()}`);
            })(),
          );
          return sleep(10, 'result');
        }),
        log,
      );
      yield* sleep(100);
    }
    await run(main(), clock());
    expect(log).toEqual(['helper done @30', 'next result @30', 'complete']);
  });

  it("cancels the TaskGroup's tasks with the subscription", async () => {
    const log: string[] = [];
    function* main(): Coro<number> {
      const sub = toObservable((tg) => {
        tg.createTask(
          (function* (): Coro<void> {
            try {
              yield* sleep(1000);
            } finally {
              log.push(`helper finally @${getRunningLoop().time()}`);
            }
          })(),
        );
        return sleep(1000, 'never');
      }).subscribe();
      yield* sleep(10);
      sub.unsubscribe();
      const me = currentTask();
      const [, pending] = yield* wait(
        [...allTasks()].filter((t) => t !== me),
        { timeout: 1000 },
      );
      return pending.size;
    }
    expect(await run(main(), clock())).toBe(0);
    expect(log).toEqual(['helper finally @10']);
  });

  it('errors with CancelledError when its task is cancelled by someone else', async () => {
    function* main(): Coro<unknown> {
      let got: unknown;
      toObservable(() => sleep(1000)).subscribe({ error: (e) => (got = e) });
      yield* sleep(1);
      const me = currentTask();
      for (const t of allTasks()) if (t !== me) t.cancel('from outside');
      yield* sleep(0);
      yield* sleep(0);
      return got;
    }
    const got = await run(main(), clock());
    expect(got).toBeInstanceOf(CancelledError);
    expect((got as Error).message).toBe('from outside');
  });
});
