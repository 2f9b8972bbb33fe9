import {
  type AioIterator,
  type Coro,
  createTask,
  isCancelledError,
  QueueFull,
  run,
  sleep,
} from '@aio/core';
import { concat, from, interval, Observable, Subject, take, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { loopScheduler } from './loopScheduler';
import { observe } from './observe';

const clock = () => ({ clock: new TestClock() });

function* drain<T>(it: AioIterator<T>): Coro<T[]> {
  const out: T[] = [];
  for (let r = yield* it.next(); !r.done; r = yield* it.next()) out.push(r.value);
  return out;
}

/** A synchronous source of 0..max-1 that stops when its subscriber closes; counts. */
function firehose(max: number, stats = { emitted: 0, active: 0 }): Observable<number> {
  return new Observable<number>((subscriber) => {
    stats.active++;
    for (let i = 0; i < max && !subscriber.closed; i++) {
      stats.emitted++;
      subscriber.next(i);
    }
    subscriber.complete();
    return () => {
      stats.active--;
    };
  });
}

describe('observe', () => {
  it('reads the values in order as they arrive, then reports done', async () => {
    function* main(): Coro<number[]> {
      return yield* drain(observe(interval(10, loopScheduler()).pipe(take(4))));
    }
    expect(await run(main(), clock())).toEqual([0, 1, 2, 3]);
  });

  it('subscribes at the first next(), not before', async () => {
    const subject = new Subject<number>();
    function* main(): Coro<number[]> {
      const it = observe(subject);
      expect(subject.observed).toBe(false);
      subject.next(0); // nobody listens yet: lost, as for any late subscriber
      createTask(
        (function* () {
          yield* sleep(1);
          subject.next(1);
          subject.next(2);
          subject.complete();
        })(),
      );
      return yield* drain(it);
    }
    expect(await run(main(), clock())).toEqual([1, 2]);
  });

  it("throws the observable's error (the same object) after the values buffered before it", async () => {
    const boom = new Error('boom');
    function* main(): Coro<[number[], unknown, boolean | undefined]> {
      const it = observe(
        concat(
          from([1, 2]),
          throwError(() => boom),
        ),
      );
      const got: number[] = [];
      try {
        for (let r = yield* it.next(); !r.done; r = yield* it.next()) got.push(r.value);
      } catch (e) {
        return [got, e, (yield* it.next()).done];
      }
      return [got, undefined, undefined];
    }
    expect(await run(main(), clock())).toEqual([[1, 2], boom, true]);
  });

  it("fails the consumer with QueueFull under overflow 'error', unsubscribing mid-burst", async () => {
    const stats = { emitted: 0, active: 0 };
    function* main(): Coro<unknown> {
      const it = observe(firehose(1_000_000, stats), { bufferSize: 3, overflow: 'error' });
      try {
        yield* it.next();
      } catch (e) {
        return e;
      }
      return undefined;
    }
    const err = await run(main(), clock());
    expect(err).toBeInstanceOf(QueueFull);
    expect((err as Error).message).toBe(
      "observe(): the buffer is full (3 values waiting) and overflow is 'error': the consumer " +
        "is slower than the observable; raise bufferSize or choose overflow 'dropOldest' or 'dropNewest'",
    );
    expect(stats).toEqual({ emitted: 4, active: 0 });
  });

  it("keeps the oldest values under 'dropNewest' and the newest under 'dropOldest'", async () => {
    function* main(): Coro<[number[], number[]]> {
      const newest = yield* drain(observe(firehose(10), { bufferSize: 3, overflow: 'dropNewest' }));
      const oldest = yield* drain(observe(firehose(10), { bufferSize: 3, overflow: 'dropOldest' }));
      return [newest, oldest];
    }
    expect(await run(main(), clock())).toEqual([
      [0, 1, 2],
      [7, 8, 9],
    ]);
  });

  it('never blocks the producer: a million synchronous values with an unbounded buffer', async () => {
    const stats = { emitted: 0, active: 0 };
    function* main(): Coro<number> {
      const it = observe(firehose(1_000_000, stats), { bufferSize: Number.POSITIVE_INFINITY });
      let n = 0;
      for (let r = yield* it.next(); !r.done; r = yield* it.next()) n++;
      return n;
    }
    expect(await run(main(), clock())).toBe(1_000_000);
    expect(stats.active).toBe(0);
  }, 30_000);

  it('unsubscribes when the consumer is cancelled inside next()', async () => {
    const subject = new Subject<number>();
    function* consumer(): Coro<string> {
      try {
        yield* observe(subject).next();
        return 'value';
      } catch (e) {
        if (isCancelledError(e)) return 'cancelled';
        throw e;
      }
    }
    function* main(): Coro<string> {
      const task = createTask(consumer());
      yield* sleep(1);
      expect(subject.observed).toBe(true);
      task.cancel();
      const r = yield* task;
      expect(subject.observed).toBe(false);
      return r;
    }
    expect(await run(main(), clock())).toBe('cancelled');
  });

  it('unsubscribes when the consumer is cancelled while it waits elsewhere', async () => {
    const subject = new Subject<number>();
    function* consumer(): Coro<void> {
      const it = observe(subject);
      createTask(
        (function* () {
          yield* sleep(1);
          subject.next(1);
        })(),
      );
      yield* it.next();
      yield* sleep(1000); // cancelled here
    }
    function* main(): Coro<void> {
      const task = createTask(consumer());
      yield* sleep(10);
      expect(subject.observed).toBe(true);
      task.cancel();
      yield* sleep(0);
      yield* sleep(0);
      expect(subject.observed).toBe(false);
    }
    await run(main(), clock());
  });

  it('return() unsubscribes and drops the buffer', async () => {
    const subject = new Subject<number>();
    function* main(): Coro<boolean | undefined> {
      const it = observe(subject);
      createTask(
        (function* () {
          yield* sleep(1);
          subject.next(1);
          subject.next(2);
        })(),
      );
      yield* it.next();
      yield* it.return();
      expect(subject.observed).toBe(false);
      return (yield* it.next()).done;
    }
    expect(await run(main(), clock())).toBe(true);
  });

  it('refuses a second next() while one is waiting', async () => {
    function* main(): Coro<unknown> {
      const it = observe(new Subject<number>());
      createTask(it.next());
      yield* sleep(0);
      try {
        yield* it.next();
      } catch (e) {
        return e;
      }
      return undefined;
    }
    expect(await run(main(), clock())).toEqual(
      new Error('observe(): next() was called while another next() is still waiting'),
    );
  });

  it('refuses bad arguments', () => {
    expect(() => observe([1] as never)).toThrow(
      new TypeError('observe(): obs must be an RxJS Observable, got an array of length 1'),
    );
    expect(() => observe(from([1]), { bufferSize: 0 })).toThrow(
      new RangeError('observe(): bufferSize must be a positive integer or Infinity, got 0'),
    );
    expect(() => observe(from([1]), { bufferSize: 1.5 })).toThrow(RangeError);
    expect(() => observe(from([1]), { overflow: 'block' as never })).toThrow(
      new RangeError(
        "observe(): overflow must be 'error', 'dropNewest' or 'dropOldest', got 'block'",
      ),
    );
  });
});
