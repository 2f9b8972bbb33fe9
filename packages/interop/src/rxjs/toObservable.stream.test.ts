import {
  type AioIterator,
  allTasks,
  CancelledError,
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  getRunningLoop,
  isCancelledError,
  Queue,
  run,
  sleep,
  type Task,
  TaskGroupError,
  wait,
} from '@aio/core';
import { config, type Observable, from as rxFrom, share, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { fromObservable } from './fromObservable';
import { observe } from './observe';
import { toObservable } from './toObservable';

const clock = () => ({ clock: new TestClock() });

/** Subscribes and records notifications as strings, with the loop time. */
function record<T>(obs: Observable<T>, log: string[], name = '') {
  const p = name === '' ? '' : `${name}: `;
  return obs.subscribe({
    next: (v) => log.push(`${p}next ${String(v)} @${getRunningLoop().time()}`),
    error: (e: unknown) => log.push(`${p}error ${(e as Error).name}: ${(e as Error).message}`),
    complete: () => log.push(`${p}complete @${getRunningLoop().time()}`),
  });
}

interface ListOptions {
  /** ms before each item. */
  gap?: number;
  /** Thrown by next() after the items. */
  failWith?: unknown;
  /** ms that return() takes. */
  returnTakes?: number;
}

/** An AioIterator over `items` that logs what is read and its return(). */
function listIterator<T>(items: T[], log: string[], opts: ListOptions = {}): AioIterator<T> {
  let i = 0;
  let finished = false;
  return {
    *next(): Coro<IteratorResult<T, undefined>> {
      if (finished) return { done: true, value: undefined };
      if (opts.gap !== undefined) yield* sleep(opts.gap);
      if (i < items.length) {
        const value = items[i++] as T;
        log.push(`read ${String(value)}`);
        return { done: false, value };
      }
      finished = true;
      if (opts.failWith !== undefined) throw opts.failWith;
      return { done: true, value: undefined };
    },
    *return(): Coro<IteratorResult<T, undefined>> {
      log.push(`return() @${getRunningLoop().time()}`);
      if (opts.returnTakes !== undefined) yield* sleep(opts.returnTakes);
      finished = true;
      log.push(`return() finished @${getRunningLoop().time()}`);
      return { done: true, value: undefined };
    },
  };
}

/** Puts 1, 2, 3… into `queue` forever (blocking while it is full); logs its end. */
function* producer(queue: Queue<number>, log: string[]): Coro<void> {
  try {
    for (let i = 1; ; i++) yield* queue.put(i);
  } catch (e) {
    if (isCancelledError(e)) log.push('producer cancelled');
    throw e;
  } finally {
    log.push(`producer finally @${getRunningLoop().time()}`);
  }
}

/** The tasks other than the current one. */
function others(): Task<unknown>[] {
  const me = currentTask();
  return [...allTasks()].filter((t) => t !== me);
}

describe('toObservable of a Queue', () => {
  it('emits each item as it is read, in order, and completes at shutdown once drained', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const queue = new Queue<string>();
      record(toObservable(queue), log);
      yield* sleep(10);
      queue.putNowait('a');
      yield* sleep(10);
      queue.putNowait('b');
      queue.putNowait('c');
      queue.shutdown(); // not immediate: b and c are still delivered
      yield* sleep(10);
    }
    await run(main(), clock());
    expect(log).toEqual(['next a @10', 'next b @20', 'next c @20', 'complete @20']);
  });

  it('completes at once, dropping the items left, on shutdown(true)', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const queue = new Queue<string>();
      record(toObservable(queue), log);
      yield* sleep(10);
      queue.putNowait('a');
      queue.putNowait('b');
      queue.shutdown(true);
      yield* sleep(10);
    }
    await run(main(), clock());
    expect(log).toEqual(['complete @10']);
  });

  it('completes at once when subscribed to a queue already shut down and empty', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const queue = new Queue<string>();
      queue.shutdown();
      record(toObservable(queue), log);
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(log).toEqual(['complete @0']);
  });

  it('splits items between subscriptions like consumer tasks; a reader takes what is queued', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const queue = new Queue<number>();
      queue.putNowait(1);
      queue.putNowait(2);
      const numbers$ = toObservable(queue);
      record(numbers$, log, 'A');
      record(numbers$, log, 'B');
      yield* sleep(10);
      for (let i = 3; i <= 6; i++) {
        queue.putNowait(i);
        yield* sleep(1);
      }
      queue.putNowait(7);
      queue.putNowait(8);
      yield* sleep(1);
      queue.shutdown();
      yield* sleep(10);
    }
    await run(main(), clock());
    expect(log).toEqual([
      // A reads first and takes both queued items without waiting.
      'A: next 1 @0',
      'A: next 2 @0',
      // Then each item goes to the subscription that has waited longest.
      'A: next 3 @10',
      'B: next 4 @11',
      'A: next 5 @12',
      'B: next 6 @13',
      // A, woken for 7, takes 8 as well: a reader reads on while items are there (as
      // in asyncio); B, woken for 8, finds the queue empty and waits again, behind A.
      'A: next 7 @14',
      'A: next 8 @14',
      'A: complete @15',
      'B: complete @15',
    ]);
  });

  it('loses no item and leaves the queue open when a subscriber leaves', async () => {
    function* main(): Coro<[string[], number, number, boolean]> {
      const queue = new Queue<number>();
      const seen: string[] = [];
      const sub = toObservable(queue).subscribe((v) => seen.push(`sub ${v}`));
      yield* sleep(10); // the subscription's task waits in get()
      sub.unsubscribe();
      queue.putNowait(7);
      const next = yield* queue.get();
      yield* sleep(0);
      return [seen, next, others().length, queue.statistics().isShutdown];
    }
    expect(await run(main(), clock())).toEqual([[], 7, 0, false]);
  });

  it('errors clearly when subscribed with no loop to run on', () => {
    let got: unknown;
    toObservable(new Queue<number>()).subscribe({ error: (e) => (got = e) });
    expect(got).toEqual(
      new Error(
        'toObservable(): no running event loop to start the task on: subscribe from a ' +
          'coroutine or a loop callback, or pass { loop }',
      ),
    );
  });

  it('runs on the given loop when subscribed from outside any loop', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const queue = new Queue<string>();
    const got: string[] = [];
    toObservable(queue, { loop }).subscribe({
      next: (v) => got.push(`${v} @${loop.time()}`),
      complete: () => got.push('complete'),
    });
    function* feed(): Coro<void> {
      yield* sleep(5);
      queue.putNowait('x');
      queue.shutdown();
      yield* sleep(1);
    }
    await loop.runUntilComplete(feed());
    loop.close();
    expect(got).toEqual(['x @5', 'complete']);
  });

  it('reads the next item only after the previous one is emitted, from the loop', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const queue = new Queue<number>();
      for (const n of [1, 2, 3]) queue.putNowait(n);
      queue.shutdown();
      toObservable(queue).subscribe((v) => {
        log.push(
          `emit ${v}, ${queue.qsize()} left, in ${currentTask() === undefined ? 'no' : 'a'} task`,
        );
      });
      log.push('subscribed');
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(log).toEqual([
      'subscribed',
      'emit 1, 2 left, in a task',
      'emit 2, 1 left, in a task',
      'emit 3, 0 left, in a task',
    ]);
  });

  it("reports an error thrown by a next handler through RxJS's onUnhandledError, and keeps going", async () => {
    const reported: unknown[] = [];
    const previous = config.onUnhandledError;
    config.onUnhandledError = (e) => reported.push(e);
    const oops = new Error('handler failed');
    const log: string[] = [];
    try {
      function* main(): Coro<void> {
        const queue = new Queue<number>();
        for (const n of [1, 2, 3]) queue.putNowait(n);
        queue.shutdown();
        toObservable(queue).subscribe({
          next: (v) => {
            log.push(`next ${v}`);
            if (v === 2) throw oops;
          },
          complete: () => log.push('complete'),
        });
        yield* sleep(1);
      }
      await run(main(), clock());
      await new Promise((resolve) => setTimeout(resolve, 5)); // RxJS reports on a host timer
    } finally {
      config.onUnhandledError = previous;
    }
    expect(log).toEqual(['next 1', 'next 2', 'next 3', 'complete']);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBe(oops);
  });
});

describe('toObservable of an AioIterator', () => {
  it('emits one item per item read, then completes; no return() after the end', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      record(toObservable(listIterator(['a', 'b'], log, { gap: 10 })), log);
      yield* sleep(100);
    }
    await run(main(), clock());
    expect(log).toEqual(['read a', 'next a @10', 'read b', 'next b @20', 'complete @30']);
  });

  it("errors with the iterator's very error after the items before it; no return() after it", async () => {
    const boom = new Error('boom');
    const log: string[] = [];
    let got: unknown;
    function* main(): Coro<void> {
      toObservable(listIterator([1], log, { failWith: boom })).subscribe({
        next: (v) => log.push(`next ${v}`),
        error: (e) => {
          got = e;
          log.push('error');
        },
      });
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(log).toEqual(['read 1', 'next 1', 'error']);
    expect(got).toBe(boom);
  });

  it('cancels the pump and runs return() to its end when the subscriber leaves', async () => {
    const log: string[] = [];
    function* main(): Coro<number> {
      const sub = toObservable(listIterator([1, 2, 3], log, { gap: 10, returnTakes: 5 })).subscribe(
        (v) => log.push(`next ${v}`),
      );
      yield* sleep(15);
      sub.unsubscribe();
      log.push('unsubscribed');
      yield* sleep(20);
      return others().length;
    }
    expect(await run(main(), clock())).toBe(0);
    expect(log).toEqual([
      'read 1',
      'next 1',
      'unsubscribed',
      'return() @15',
      'return() finished @20',
    ]);
  });

  it('runs return() to its end when the subscriber leaves inside next() (take)', async () => {
    const log: string[] = [];
    function* main(): Coro<number[]> {
      const it = listIterator([1, 2, 3, 4], log, { returnTakes: 5 });
      const firstTwo = yield* fromObservable(toObservable(it).pipe(take(2), toArray()));
      yield* sleep(10);
      return firstTwo;
    }
    expect(await run(main(), clock())).toEqual([1, 2]);
    // Not a third read, and return() is not interrupted by the unsubscribe's cancellation.
    expect(log).toEqual(['read 1', 'read 2', 'return() @0', 'return() finished @5']);
  });

  it('calls return() when the subscriber leaves before anything was read', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      toObservable(listIterator([1], log))
        .subscribe()
        .unsubscribe();
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(log).toEqual(['return() @0', 'return() finished @0']);
  });

  it('refuses a second subscription while one reads; a later one finds the iterator finished', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const numbers$ = toObservable(listIterator([1, 2], log, { gap: 10 }));
      const first = record(numbers$, log, 'A');
      record(numbers$, log, 'B');
      yield* sleep(15);
      first.unsubscribe();
      yield* sleep(1);
      record(numbers$, log, 'C');
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(log).toEqual([
      'B: error Error: toObservable(): this AioIterator is already being read by another ' +
        'subscription; an iterator has one consumer: subscribe once (share() the observable), ' +
        'or pass a factory `() => iterator` for a new iterator per subscription',
      'read 1',
      'A: next 1 @10',
      'return() @15',
      'return() finished @15',
      'C: complete @16',
    ]);
  });

  it('is shared between subscribers with share()', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const numbers$ = toObservable(listIterator([1, 2], log, { gap: 10 })).pipe(share());
      record(numbers$, log, 'A');
      record(numbers$, log, 'B');
      yield* sleep(50);
    }
    await run(main(), clock());
    expect(log).toEqual([
      'read 1',
      'A: next 1 @10',
      'B: next 1 @10',
      'read 2',
      'A: next 2 @20',
      'B: next 2 @20',
      'A: complete @30',
      'B: complete @30',
    ]);
  });

  it('round-trips an Observable read with observe()', async () => {
    function* main(): Coro<string[]> {
      return yield* fromObservable(toObservable(observe(rxFrom(['x', 'y', 'z']))).pipe(toArray()));
    }
    expect(await run(main(), clock())).toEqual(['x', 'y', 'z']);
  });

  it("sends a failing return() to the loop's exception handler once the subscriber has left", async () => {
    const bad = new Error('return failed');
    const it: AioIterator<number> = {
      *next() {
        yield* sleep(100);
        return { done: false, value: 1 };
      },
      *return(): Coro<IteratorResult<number, undefined>> {
        throw bad;
      },
    };
    const handled: unknown[] = [];
    function* main(): Coro<void> {
      getRunningLoop().setExceptionHandler((_loop, ctx) =>
        handled.push(ctx.message, ctx.exception),
      );
      const sub = toObservable(it).subscribe();
      yield* sleep(10);
      sub.unsubscribe();
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(handled).toEqual([
      'toObservable(): the subscription failed after its subscriber left',
      bad,
    ]);
  });

  it('errors with a CancelledError when its task is cancelled by someone else', async () => {
    const log: string[] = [];
    let got: unknown;
    function* main(): Coro<void> {
      toObservable(listIterator([1], log, { gap: 100 })).subscribe({ error: (e) => (got = e) });
      yield* sleep(1);
      for (const t of others()) t.cancel('from outside');
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(got).toBeInstanceOf(CancelledError);
    expect((got as Error).message).toBe('from outside');
    expect(log).toEqual(['return() @1', 'return() finished @1']);
  });

  it('refuses a coroutine given directly', () => {
    function* job(): Coro<number> {
      return 1;
    }
    expect(() => toObservable(job() as never)).toThrow(
      new TypeError(
        'toObservable(): got a coroutine; pass a factory `() => coro` (a new task per ' +
          'subscription) or a task `createTask(coro)` (one shared outcome)',
      ),
    );
  });
});

describe('toObservable of an AioIterator factory (cold)', () => {
  it('gives each subscription its own iterator and producer', async () => {
    const log: string[] = [];
    let made = 0;
    function* main(): Coro<void> {
      const numbers$ = toObservable((tg) => {
        const n = ++made;
        const queue = new Queue<string>();
        tg.createTask(
          (function* (): Coro<void> {
            for (const x of ['a', 'b']) {
              yield* sleep(10 * n);
              yield* queue.put(`${x}${n}`);
            }
            queue.shutdown();
          })(),
        );
        return queue.iter();
      });
      expect(made).toBe(0);
      record(numbers$, log, 'A');
      record(numbers$, log, 'B');
      expect(made).toBe(0); // the factory runs in the subscription's task
      yield* sleep(100);
    }
    await run(main(), clock());
    expect(made).toBe(2);
    expect(log).toEqual([
      'A: next a1 @10',
      'B: next a2 @20', // B's timer for 20 was set first (at 0), A's at 10
      'A: next b1 @20',
      'A: complete @20',
      'B: next b2 @40',
      'B: complete @40',
    ]);
  });

  it('stops a producer blocked on a full queue when the subscriber leaves: nothing is left running', async () => {
    // The regression: the subscriber left, the producer stayed blocked in put() on a
    // full queue, and run() stayed pending. With tg.createTask it ends with the
    // subscription, at once, and its finally runs.
    const log: string[] = [];
    function* main(): Coro<[number[], number, number]> {
      const numbers$ = toObservable((tg) => {
        const queue = new Queue<number>(2);
        tg.createTask(producer(queue, log));
        return queue.iter();
      });
      const firstThree = yield* fromObservable(numbers$.pipe(take(3), toArray()));
      const t0 = getRunningLoop().time();
      log.push(`got ${firstThree.join(',')} @${t0}`);
      const [, pending] = yield* wait(others(), { timeout: 1000 });
      return [firstThree, pending.size, getRunningLoop().time() - t0];
    }
    expect(await run(main(), clock())).toEqual([[1, 2, 3], 0, 0]);
    expect(log).toEqual(['got 1,2,3 @0', 'producer cancelled', 'producer finally @0']);
  });

  it('does not own a producer started with plain createTask (why the factory gets tg)', async () => {
    const log: string[] = [];
    function* main(): Coro<number> {
      const numbers$ = toObservable(() => {
        const queue = new Queue<number>(2);
        createTask(producer(queue, log));
        return queue.iter();
      });
      yield* fromObservable(numbers$.pipe(take(3), toArray()));
      const [, pending] = yield* wait(others(), { timeout: 1000 });
      return pending.size; // still blocked in put() a second later
    }
    expect(await run(main(), clock())).toBe(1);
    // run() itself cancels what is left when main returns.
    expect(log).toEqual(['producer cancelled', 'producer finally @1000']);
  });

  it("completes once the iterator is done and the group's tasks have finished", async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      record(
        toObservable((tg) => {
          const queue = new Queue<number>();
          tg.createTask(
            (function* (): Coro<void> {
              queue.putNowait(1);
              queue.shutdown();
              yield* sleep(50); // cleaning up after the last item
              log.push(`producer done @${getRunningLoop().time()}`);
            })(),
          );
          return queue.iter();
        }),
        log,
      );
      yield* sleep(100);
    }
    await run(main(), clock());
    expect(log).toEqual(['next 1 @0', 'producer done @50', 'complete @50']);
  });

  it("errors with the producer's very error, cancelling the read and calling return()", async () => {
    const broken = new Error('producer broke');
    const log: string[] = [];
    let got: unknown;
    function* main(): Coro<void> {
      toObservable((tg) => {
        tg.createTask(
          (function* (): Coro<void> {
            yield* sleep(15);
            throw broken;
          })(),
        );
        return listIterator([1, 2, 3], log, { gap: 10 });
      }).subscribe({
        next: (v) => log.push(`next ${v}`),
        error: (e) => {
          got = e;
          log.push(`error @${getRunningLoop().time()}`);
        },
      });
      yield* sleep(100);
    }
    await run(main(), clock());
    expect(got).toBe(broken);
    expect(log).toEqual(['read 1', 'next 1', 'return() @15', 'return() finished @15', 'error @15']);
  });

  it("errors with the iterator's very error, not a TaskGroupError, and stops the producer", async () => {
    const boom = new Error('boom');
    const log: string[] = [];
    let got: unknown;
    function* main(): Coro<void> {
      toObservable((tg) => {
        tg.createTask(producer(new Queue<number>(1), log));
        return listIterator([], log, { gap: 5, failWith: boom });
      }).subscribe({ error: (e) => (got = e) });
      yield* sleep(10);
    }
    await run(main(), clock());
    expect(got).toBe(boom);
    expect(log).toEqual(['producer cancelled', 'producer finally @5']);
  });

  it('errors with a TaskGroupError holding both when the iterator and a task fail', async () => {
    const a = new Error('iterator failed');
    const b = new Error('task failed');
    let got: unknown;
    function* main(): Coro<void> {
      toObservable((tg) => {
        tg.createTask(
          (function* (): Coro<void> {
            try {
              yield* sleep(100);
            } finally {
              // biome-ignore lint/correctness/noUnsafeFinally: a task failing while cancelled
              throw b;
            }
          })(),
        );
        return listIterator([], [], { gap: 5, failWith: a });
      }).subscribe({ error: (e) => (got = e) });
      yield* sleep(10);
    }
    await run(main(), clock());
    expect(got).toBeInstanceOf(TaskGroupError);
    expect((got as TaskGroupError).errors).toEqual([b, a]);
  });

  it("errors with the factory's own error, and with a TypeError for what it returned", async () => {
    const oops = new Error('factory failed');
    const got: unknown[] = [];
    function* main(): Coro<void> {
      toObservable((): AioIterator<number> => {
        throw oops;
      }).subscribe({ error: (e) => got.push(e) });
      toObservable(() => Promise.resolve(1) as never).subscribe({
        error: (e) => got.push(e),
      });
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(got).toEqual([
      oops,
      new TypeError(
        'toObservable(): the factory must return a coroutine or an AioIterator (next and ' +
          'return), got an object of class Promise',
      ),
    ]);
    expect(got[0]).toBe(oops);
  });

  it('never calls the factory when the subscriber leaves before its task starts', async () => {
    let called = 0;
    function* main(): Coro<void> {
      toObservable(() => {
        called++;
        return new Queue<number>().iter();
      })
        .subscribe()
        .unsubscribe();
      yield* sleep(1);
    }
    await run(main(), clock());
    expect(called).toBe(0);
  });
});
