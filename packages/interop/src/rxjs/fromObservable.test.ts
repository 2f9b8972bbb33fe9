import { type Coro, createTask, EventLoop, isCancelledError, run, sleep } from '@aio/core';
import { EmptyError, EMPTY, Observable, of, Subject, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { fromObservable } from './fromObservable';

const clock = () => ({ clock: new TestClock() });

/** A synchronous source that emits 0, 1, 2, … while its subscriber is open (at most `max`). */
function firehose(max: number, stats: { emitted: number; active: number }): Observable<number> {
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

describe('fromObservable', () => {
  it('resolves with the last value, or the first with { first: true }', async () => {
    function* main(): Coro<[number, number]> {
      return [
        yield* fromObservable(of(1, 2, 3)),
        yield* fromObservable(of(1, 2, 3), { first: true }),
      ];
    }
    expect(await run(main(), clock())).toEqual([3, 1]);
  });

  it('unsubscribes on the first value even while the source emits synchronously', async () => {
    const stats = { emitted: 0, active: 0 };
    function* main(): Coro<number> {
      return yield* fromObservable(firehose(1_000_000, stats), { first: true });
    }
    expect(await run(main(), clock())).toBe(0);
    expect(stats).toEqual({ emitted: 1, active: 0 });
  });

  it('fails with the very error the observable raised', async () => {
    const boom = new Error('boom');
    function* main(): Coro<unknown> {
      try {
        yield* fromObservable(throwError(() => boom));
      } catch (e) {
        return e;
      }
      return undefined;
    }
    expect(await run(main(), clock())).toBe(boom);
  });

  it("fails with RxJS's EmptyError when it completes empty, unless a default is given", async () => {
    function* main(): Coro<[unknown, unknown, unknown]> {
      let empty: unknown;
      try {
        yield* fromObservable(EMPTY);
      } catch (e) {
        empty = e;
      }
      const dflt = yield* fromObservable(EMPTY as Observable<string>, { defaultValue: 'none' });
      const undef = yield* fromObservable(EMPTY as Observable<string | undefined>, {
        first: true,
        defaultValue: undefined,
      });
      return [empty, dflt, undef];
    }
    const [empty, dflt, undef] = await run(main(), clock());
    expect(empty).toBeInstanceOf(EmptyError);
    expect((empty as Error).message).toBe('no elements in sequence');
    expect(dflt).toBe('none');
    expect(undef).toBeUndefined();
  });

  it('unsubscribes when the future is cancelled', async () => {
    let active = 0;
    const never = new Observable<number>(() => {
      active++;
      return () => {
        active--;
      };
    });
    function* main(): Coro<void> {
      const fut = fromObservable(never);
      expect(active).toBe(1);
      fut.cancel();
      yield* sleep(0);
      expect(active).toBe(0);
    }
    await run(main(), clock());
  });

  it('unsubscribes when the task awaiting it is cancelled', async () => {
    const subject = new Subject<number>();
    function* consumer(): Coro<string> {
      try {
        return String(yield* fromObservable(subject));
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
      yield* sleep(0);
      expect(subject.observed).toBe(false);
      return r;
    }
    expect(await run(main(), clock())).toBe('cancelled');
  });

  it('wakes the loop when the observable emits from a host timer', async () => {
    const subject = new Subject<string>();
    function* main(): Coro<string> {
      setTimeout(() => {
        subject.next('a');
        subject.next('b');
        subject.complete();
      }, 5);
      return yield* fromObservable(subject);
    }
    expect(await run(main())).toBe('b');
  });

  it('belongs to the given loop when one is passed', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const fut = fromObservable(of('x'), { loop });
    expect(fut.getLoop()).toBe(loop);
    expect(await loop.runUntilComplete(fut)).toBe('x');
    loop.close();
  });

  it('refuses a value that is not an Observable', async () => {
    expect(() => fromObservable(Promise.resolve(1) as never)).toThrow(
      new TypeError(
        'fromObservable(): obs must be an RxJS Observable, got an object of class Promise',
      ),
    );
  });
});
