import { describe, expect, test } from 'vitest';
import { EventLoop } from './public';
import { CancelledError, QueueEmpty, QueueFull, QueueShutDown } from './exceptions';
import { LifoQueue, PriorityQueue, Queue } from './queues';
import { TestClock } from '@aio/test-utils';
import { Lock } from './lock';
import { runSync } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

function* settle(tasks: Iterable<Task<unknown>>): Coro<void> {
  for (const t of tasks) {
    try {
      yield* t;
    } catch {}
  }
}

function producer(q: Queue<unknown>, log: string[], name: string, items: unknown[]): Coro<void> {
  return (function* () {
    for (const x of items) {
      try {
        yield* q.put(x);
        log.push(`${name} put ${x}`);
      } catch (e) {
        log.push(`${name} put ${x} ${(e as Error).name}`);
        if (e instanceof QueueShutDown) return;
        throw e;
      }
    }
  })();
}

function consumer(q: Queue<unknown>, log: string[], name: string): Coro<void> {
  return (function* () {
    for (;;) {
      try {
        const x = yield* q.get();
        log.push(`${name} got ${x}`);
      } catch (e) {
        log.push(`${name} ${(e as Error).name}`);
        if (e instanceof QueueShutDown) return;
        throw e;
      }
    }
  })();
}

describe('Queue', () => {
  test('hands items out in FIFO order', () => {
    const q = new Queue<number>();
    for (let i = 0; i < 5; i++) q.putNowait(i);
    expect([q.qsize(), q.empty(), q.full(), q.maxsize]).toEqual([5, false, false, 0]);
    expect([0, 1, 2, 3, 4].map(() => q.getNowait())).toEqual([0, 1, 2, 3, 4]);
    expect(q.empty()).toBe(true);
  });

  test('getNowait on an empty queue throws QueueEmpty; putNowait on a full one QueueFull', () => {
    const q = new Queue<number>(1);
    expect(() => q.getNowait()).toThrow(new QueueEmpty('Queue.getNowait(): the queue is empty'));
    q.putNowait(1);
    expect(q.full()).toBe(true);
    expect(() => q.putNowait(2)).toThrow(QueueFull);
    expect(() => q.putNowait(2)).toThrow('Queue.putNowait(): the queue is full (maxsize 1)');
  });

  test('put waits while the queue is full (back-pressure)', () => {
    const q = new Queue<number>(2);
    const log: string[] = [];
    runSync(
      (function* () {
        const p = createTask(producer(q, log, 'p', [1, 2, 3, 4]));
        yield;
        log.push(`size ${q.qsize()}`);
        const c = createTask(consumer(q, log, 'c'));
        yield* p;
        yield;
        q.shutdown();
        yield* c;
      })(),
    );
    expect(log).toEqual([
      'p put 1',
      'p put 2',
      'size 2',
      'c got 1',
      'c got 2',
      'p put 3',
      'p put 4',
      'c got 3',
      'c got 4',
      'c QueueShutDown',
    ]);
  });

  test('wakes blocked getters in FIFO order', () => {
    const q = new Queue<string>();
    const log: string[] = [];
    runSync(
      (function* () {
        const cs = ['a', 'b', 'c'].map((n) =>
          createTask(
            (function* () {
              log.push(`${n} got ${yield* q.get()}`);
            })(),
          ),
        );
        yield;
        for (const x of ['x', 'y', 'z']) q.putNowait(x);
        yield* settle(cs);
      })(),
    );
    expect(log).toEqual(['a got x', 'b got y', 'c got z']);
  });

  // A getter woken by a put and cancelled before it runs must not lose the item.
  test('a get cancelled after being woken does not lose the item', () => {
    const q = new Queue<number>();
    const log: string[] = [];
    const left = runSync(
      (function* () {
        const cs = ['a', 'b'].map((n) =>
          createTask(
            (function* () {
              try {
                log.push(`${n} got ${yield* q.get()}`);
              } catch (e) {
                log.push(`${n} ${(e as Error).name}`);
                throw e;
              }
            })(),
          ),
        );
        yield;
        q.putNowait(1); // wakes a...
        (cs[0] as Task<void>).cancel(); // ...which is cancelled before it runs
        yield* settle(cs);
        return q.qsize();
      })(),
    );
    // CPython 3.13: ['a cancelled', 'b got 1'], queue empty.
    expect(log).toEqual(['a CancelledError', 'b got 1']);
    expect(left).toBe(0);
  });

  test('a put cancelled after being woken passes the free slot on', () => {
    const q = new Queue<string>(1);
    const log: string[] = [];
    const left = runSync(
      (function* () {
        q.putNowait('0');
        const ps = ['a', 'b'].map((n) => createTask(producer(q, log, n, [n])));
        yield;
        log.push(`took ${q.getNowait()}`);
        (ps[0] as Task<void>).cancel();
        yield* settle(ps);
        return q.getNowait();
      })(),
    );
    // CPython 3.13: [0, 'a put a cancelled', 'b put b'], queue ['b'].
    expect(log).toEqual(['took 0', 'a put a CancelledError', 'b put b']);
    expect(left).toBe('b');
  });

  test('join waits until taskDone was called for every item put', () => {
    const q = new Queue<number>();
    const log: string[] = [];
    runSync(
      (function* () {
        yield* q.join(); // nothing put: returns at once
        log.push('joined empty');
        q.putNowait(1);
        q.putNowait(2);
        const j = createTask(
          (function* () {
            yield* q.join();
            log.push('joined');
          })(),
        );
        q.getNowait();
        q.taskDone();
        yield;
        log.push(`one done: ${j.done()} (unfinished ${q.statistics().unfinishedTasks})`);
        q.getNowait();
        q.taskDone();
        yield* j;
      })(),
    );
    expect(log).toEqual(['joined empty', 'one done: false (unfinished 1)', 'joined']);
  });

  test('taskDone called too many times throws a RangeError', () => {
    const q = new Queue<number>();
    expect(() => q.taskDone()).toThrow(RangeError);
    expect(() => q.taskDone()).toThrow(
      'Queue.taskDone(): called more times than there were items put',
    );
    q.putNowait(1);
    q.taskDone();
    expect(() => q.taskDone()).toThrow(RangeError);
  });

  test('get() and put() are coroutines a task can run, and are told apart from generators by nothing', () => {
    const q = new Queue<number>(1);
    const seen = runSync(
      (function* () {
        const g = q.get();
        const kinds = [Object.prototype.toString.call(g), Object.prototype.toString.call(q.put(1))];
        const t = createTask(g);
        yield;
        q.putNowait(7);
        return [kinds, yield* t, t.getCoro() === g];
      })(),
    );
    expect(seen).toEqual([['[object Generator]', '[object Generator]'], 7, true]);
  });

  test('closing a waiting get() with return() leaves the queue and passes its wake-up on', () => {
    const q = new Queue<number>();
    const seen = runSync(
      (function* () {
        const first = q.get();
        const r = first.next(); // suspends: waits on a future
        const second = createTask(q.get());
        yield;
        const waiting = q.statistics().gettersWaiting;
        q.putNowait(1); // wakes the first getter...
        first.return(undefined as never); // ...which is closed instead of resumed
        const got = yield* second;
        return [r.done, waiting, got, q.statistics().gettersWaiting, first.next()];
      })(),
    );
    expect(seen).toEqual([false, 2, 1, 0, { done: true, value: undefined }]);
  });

  test('a put or get run to the end keeps returning done', () => {
    const q = new Queue<number>();
    const p = q.put(1);
    expect(p.next()).toEqual({ done: true, value: undefined });
    expect(p.next()).toEqual({ done: true, value: undefined });
    const g = q.get();
    expect(g.next()).toEqual({ done: true, value: 1 });
    expect(g.next()).toEqual({ done: true, value: undefined });
    expect(() => g.throw(new RangeError('late'))).toThrow('late');
    expect(q.qsize()).toBe(0);
  });

  describe('shutdown', () => {
    test('wakes blocked putters to throw QueueShutDown and lets getters drain first', () => {
      const q = new Queue<number>(2);
      const log: string[] = [];
      runSync(
        (function* () {
          const p = createTask(producer(q, log, 'p', [1, 2, 3, 4]));
          yield;
          log.push(`size ${q.qsize()} full ${q.full()}`);
          q.shutdown();
          const c = createTask(consumer(q, log, 'c'));
          yield* settle([p, c]);
        })(),
      );
      // CPython 3.13 gives the same sequence.
      expect(log).toEqual([
        'p put 1',
        'p put 2',
        'size 2 full true',
        'p put 3 QueueShutDown',
        'c got 1',
        'c got 2',
        'c QueueShutDown',
      ]);
    });

    test('immediate drops the items, counts them done, and wakes every getter', () => {
      const q = new Queue<number>();
      const log: string[] = [];
      const seen = runSync(
        (function* () {
          for (let i = 0; i < 3; i++) q.putNowait(i);
          const cs = ['a', 'b'].map((n) => createTask(consumer(q, log, n)));
          yield;
          for (let i = 0; i < 3; i++) q.putNowait(10 + i);
          const j = createTask(q.join());
          q.shutdown(true);
          yield* settle(cs);
          yield;
          const r = [q.qsize(), j.done(), q.statistics().unfinishedTasks];
          for (let i = 0; i < 3; i++) q.taskDone();
          yield* j;
          return r;
        })(),
      );
      // CPython 3.13: ['a got 0', 'a got 1', 'a got 2', 'a shutdown', 'b shutdown'] 0 False 3
      expect(log).toEqual(['a got 0', 'a got 1', 'a got 2', 'a QueueShutDown', 'b QueueShutDown']);
      expect(seen).toEqual([0, false, 3]);
    });

    test('put and putNowait throw on a shut-down queue, getNowait once it is empty', () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.shutdown();
      expect(() => q.putNowait(2)).toThrow(
        new QueueShutDown('Queue.putNowait(): the queue is shut down'),
      );
      expect(() => runSync(q.put(2))).toThrow(QueueShutDown);
      expect(q.getNowait()).toBe(1);
      expect(() => q.getNowait()).toThrow(
        new QueueShutDown('Queue.getNowait(): the queue is shut down'),
      );
      expect(() => runSync(q.get())).toThrow(
        new QueueShutDown('Queue.get(): the queue is shut down'),
      );
      expect(String(q)).toBe('<Queue maxsize=0 tasks=1 shutdown>');
    });
  });

  describe('iteration', () => {
    test('iter() yields items until the queue is shut down and drained', () => {
      const q = new Queue<number>(3);
      const seen = runSync(
        (function* () {
          createTask(
            (function* () {
              for (let i = 0; i < 10; i++) yield* q.put(i);
              q.shutdown();
            })(),
          );
          const got: number[] = [];
          const it = q.iter();
          for (let r = yield* it.next(); !r.done; r = yield* it.next()) got.push(r.value);
          const again = yield* it.next();
          return [got, again];
        })(),
      );
      expect(seen).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { done: true, value: undefined }]);
    });

    test('iter().return() stops the iterator and leaves the queue as it is', () => {
      const q = new Queue<number>();
      q.putNowait(1);
      q.putNowait(2);
      const seen = runSync(
        (function* () {
          const it = q.iter();
          const first = yield* it.next();
          const ret = yield* it.return();
          const after = yield* it.next();
          return [first, ret, after, q.qsize()];
        })(),
      );
      expect(seen).toEqual([
        { done: false, value: 1 },
        { done: true, value: undefined },
        { done: true, value: undefined },
        1,
      ]);
    });

    test('iter() lets a cancellation through', () => {
      const q = new Queue<number>();
      const seen = runSync(
        (function* () {
          const it = q.iter();
          const t = createTask(it.next());
          yield;
          t.cancel();
          try {
            yield* t;
          } catch (e) {
            return [e instanceof CancelledError, q.statistics().gettersWaiting];
          }
          return null;
        })(),
      );
      expect(seen).toEqual([true, 0]);
    });

    test('for await consumes the queue from native async code until it is shut down', async () => {
      const loop = new EventLoop();
      const q = new Queue<number>(2);
      const running = loop.runUntilComplete(
        (function* () {
          for (let i = 0; i < 6; i++) yield* q.put(i);
          q.shutdown();
        })(),
      );
      const got: number[] = [];
      for await (const x of q) got.push(x);
      await running;
      loop.close();
      expect(got).toEqual([0, 1, 2, 3, 4, 5]);
    });

    test('for await waits through the loop when the queue is empty', async () => {
      const loop = new EventLoop();
      const q = new Queue<number>();
      const running = loop.runUntilComplete(
        (function* () {
          for (let i = 0; i < 3; i++) {
            yield* sleep(1); // the loop goes idle in between: the consumer must wait
            q.putNowait(i);
          }
          yield* sleep(1);
          q.shutdown();
        })(),
      );
      const got: number[] = [];
      for await (const x of q) got.push(x);
      await running;
      loop.close();
      expect(got).toEqual([0, 1, 2]);
    });

    test('a native consumer waits its turn behind coroutine getters', async () => {
      const loop = new EventLoop();
      const q = new Queue<number>();
      const it = q[Symbol.asyncIterator]();
      let native: Promise<IteratorResult<number, undefined>> | undefined;
      const coroutineGot = await loop.runUntilComplete(
        (function* () {
          const a = createTask(q.get()); // waits first (and binds the queue to the loop)
          yield;
          native = it.next(); // runs a get() task on the loop: second in line
          yield;
          q.putNowait(1);
          q.putNowait(2);
          return yield* a;
        })(),
      );
      const nativeGot = await native;
      loop.close();
      expect([coroutineGot, nativeGot]).toEqual([1, { done: false, value: 2 }]);
    });

    test('for await started before any loop used the queue waits for the first put', async () => {
      const q = new Queue<string>();
      const it = q[Symbol.asyncIterator]();
      const first = it.next();
      const loop = new EventLoop();
      const running = loop.runUntilComplete(
        (function* () {
          yield* sleep(1);
          q.putNowait('a');
          yield* sleep(1);
          q.shutdown();
        })(),
      );
      const got = [await first, await it.next()];
      await running;
      loop.close();
      expect(got).toEqual([
        { done: false, value: 'a' },
        { done: true, value: undefined },
      ]);
    });
  });

  test('statistics report getters, putters and unfinished tasks', () => {
    const q = new Queue<number>(1);
    const seen = runSync(
      (function* () {
        q.putNowait(0);
        const ps = [createTask(q.put(1)), createTask(q.put(2))];
        yield;
        const s = q.statistics();
        const str = String(q);
        q.shutdown(true);
        yield* settle(ps);
        return [s, str];
      })(),
    );
    expect(seen).toEqual([
      {
        size: 1,
        maxsize: 1,
        gettersWaiting: 0,
        puttersWaiting: 2,
        unfinishedTasks: 1,
        isShutdown: false,
      },
      '<Queue maxsize=1 size=1 putters[2] tasks=1>',
    ]);
  });

  test('rejects a maxsize that is not an integer', () => {
    expect(() => new Queue(1.5)).toThrow(
      new RangeError('Queue(): maxsize must be an integer (0 for unbounded), got 1.5'),
    );
    expect(() => new Queue(Number.NaN)).toThrow(RangeError);
    expect(() => new Queue('3' as unknown as number)).toThrow(
      new TypeError('Queue(): maxsize must be a number, got string'),
    );
    expect(new Queue(-1).full()).toBe(false);
    const inf = new Queue<number>(Number.POSITIVE_INFINITY);
    inf.putNowait(1);
    expect(inf.full()).toBe(false);
  });

  test('passes one million items from one producer to one consumer through Queue(100)', () => {
    const q = new Queue<number>(100);
    const n = 1_000_000;
    const sum = runSync(
      (function* () {
        createTask(
          (function* () {
            for (let i = 0; i < n; i++) yield* q.put(i);
          })(),
        );
        let s = 0;
        let expected = 0;
        for (let i = 0; i < n; i++) {
          const x = yield* q.get();
          if (x !== expected++) throw new Error(`out of order: ${x}`);
          s += x;
        }
        return s;
      })(),
    );
    expect(sum).toBe((n * (n - 1)) / 2);
  });
});

describe('Queue subclasses', () => {
  test('override only the three storage template methods', () => {
    // Takes from the middle: a storage nothing else in aio provides.
    class MiddleQueue<T> extends Queue<T> {
      declare protected _queue: T[];
      protected override _init(): void {
        this._queue = [];
      }
      protected override _put(item: T): void {
        this._queue.push(item);
      }
      protected override _get(): T {
        return this._queue.splice(this._queue.length >> 1, 1)[0] as T;
      }
    }
    const q = new MiddleQueue<number>(3);
    for (const x of [1, 2, 3]) q.putNowait(x);
    expect([q.full(), q.qsize()]).toEqual([true, 3]);
    expect([q.getNowait(), q.getNowait(), q.getNowait()]).toEqual([2, 3, 1]);
    expect(q.empty()).toBe(true);
    q.putNowait(4);
    q.shutdown(true);
    expect(q.statistics()).toMatchObject({ size: 0, unfinishedTasks: 3 });
  });
});

describe('PriorityQueue', () => {
  test('hands out the smallest entry first, ties in the order of Python heapq', () => {
    const pq = new PriorityQueue<[number, string]>();
    for (const x of [
      [1, 'a'],
      [0, 'b'],
      [1, 'c'],
      [0, 'd'],
      [2, 'e'],
      [1, 'b'],
    ] as [number, string][]) {
      pq.putNowait(x);
    }
    const out = [0, 1, 2, 3, 4, 5].map(() => pq.getNowait());
    // CPython 3.13: [(0,'b'), (0,'d'), (1,'a'), (1,'b'), (1,'c'), (2,'e')]
    expect(out).toEqual([
      [0, 'b'],
      [0, 'd'],
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
      [2, 'e'],
    ]);
  });

  test('orders many numbers like a sort', () => {
    const pq = new PriorityQueue<number>();
    const xs = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1009);
    for (const x of xs) pq.putNowait(x);
    const out = xs.map(() => pq.getNowait());
    expect(out).toEqual(xs.slice().sort((a, b) => a - b));
  });

  test('uses a given compare function', () => {
    const pq = new PriorityQueue<{ due: number }>(0, { compare: (a, b) => b.due - a.due });
    for (const due of [3, 9, 1]) pq.putNowait({ due });
    expect([pq.getNowait().due, pq.getNowait().due, pq.getNowait().due]).toEqual([9, 3, 1]);
  });

  test('throws a TypeError for entries the default order cannot compare', () => {
    const pq = new PriorityQueue<object>();
    pq.putNowait({});
    expect(() => pq.putNowait({})).toThrow(TypeError);
    expect(() => pq.putNowait({})).toThrow('PriorityQueue: cannot order object and object');
    expect(() => new PriorityQueue(0, { compare: 1 as unknown as () => number })).toThrow(
      TypeError,
    );
  });

  test('is a Queue: blocking get, maxsize and shutdown work the same', () => {
    const pq = new PriorityQueue<number>(2);
    const log: string[] = [];
    runSync(
      (function* () {
        const c = createTask(consumer(pq, log, 'c'));
        yield;
        pq.putNowait(5);
        pq.putNowait(3);
        yield;
        pq.putNowait(9);
        pq.putNowait(1);
        pq.shutdown();
        yield* c;
      })(),
    );
    expect(pq instanceof Queue).toBe(true);
    // CPython 3.13: c, woken by 5, runs after 3 was put and takes 3 first.
    expect(log).toEqual(['c got 3', 'c got 5', 'c got 1', 'c got 9', 'c QueueShutDown']);
  });
});

describe('LifoQueue', () => {
  test('hands out the most recent item first', () => {
    const q = new LifoQueue<number>();
    for (let i = 0; i < 4; i++) q.putNowait(i);
    expect([q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()]).toEqual([3, 2, 1, 0]);
    expect(q instanceof Queue).toBe(true);
    expect(String(q)).toBe('<LifoQueue maxsize=0 tasks=4>');
  });
});

describe('README example (Synchronisation and queues)', () => {
  test('three workers process five jobs from a bounded queue, then stop at shutdown', () => {
    const lines: string[] = [];
    const jobs = new Queue<number>(10);
    const log = new Lock();

    function* worker(name: string): Coro<void> {
      const it = jobs.iter();
      for (let r = yield* it.next(); !r.done; r = yield* it.next()) {
        yield* sleep(r.value);
        yield* log.hold(function* () {
          lines.push(`${getRunningLoop().time()} ${name} did job ${r.value}`);
        });
        jobs.taskDone();
      }
    }

    function* main(): Coro<void> {
      const workers = ['a', 'b', 'c'].map((n) => createTask(worker(n)));
      for (const ms of [30, 10, 20, 10, 40]) yield* jobs.put(ms);
      yield* jobs.join();
      jobs.shutdown();
      for (const w of workers) yield* w;
    }

    runSync(main(), { clock: new TestClock() });
    // The same order as the asyncio version of the program on CPython 3.13.
    expect(lines).toEqual([
      '10 b did job 10',
      '20 c did job 20',
      '20 b did job 10',
      '30 a did job 30',
      '60 c did job 40',
    ]);
  });
});
