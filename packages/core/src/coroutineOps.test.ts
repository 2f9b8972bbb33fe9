/**
 * One behaviour suite for the hand-written coroutines and for their specification
 * (CPython's `CFutureTests` / `PyFutureTests` pattern): every test below runs twice,
 * against `sleep()` / `Queue.get()` / `Queue.put()` and against the generator functions
 * of `coroutineOps.reference.testutil.ts`, and must give the same observable result.
 */
import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { getSpec, putSpec, sleepSpec } from './coroutineOps.reference.testutil';
import { CancelledError } from './exceptions';
import type { EventLoop } from './eventLoop';
import { TIMER_QUEUED } from './events';
import { Queue } from './queues';
import { runningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import type { Coro, Task } from './types';
import { waitFor } from './waitFor';

interface Ops {
  sleep<T>(ms: number, result?: T): Coro<T>;
  get<T>(q: Queue<T>): Coro<T>;
  put<T>(q: Queue<T>, item: T): Coro<void>;
}

const implementations: Array<[string, Ops]> = [
  [
    'hand-written',
    { sleep, get: (q) => q.get(), put: (q, item) => q.put(item) } satisfies Ops as Ops,
  ],
  ['generator specification', { sleep: sleepSpec, get: getSpec, put: putSpec }],
];

/** The loop's timers that are still live (scheduled and not cancelled). */
function liveTimers(): number {
  const loop = runningLoop() as EventLoop;
  let n = 0;
  loop._timers.filter((t) => {
    if (t._timer === TIMER_QUEUED) n++;
    return true;
  });
  return n;
}

/** Names the outcome of a task: its result, or the name of its error. */
function outcome(t: Task<unknown>): string {
  if (t.cancelled()) return 'cancelled';
  const e = t.exception();
  return e === undefined ? `ok ${String(t.result())}` : `${(e as Error).name}`;
}

describe.each(implementations)('%s', (_name, ops) => {
  describe('sleep', () => {
    test('evaluates to its result after the delay, and to undefined without one', () => {
      const out = go(function* () {
        const loop = runningLoop();
        const a = yield* ops.sleep(30, 'late');
        const t1 = loop.time();
        const b = yield* ops.sleep(5);
        return [a, t1, b, loop.time()];
      });
      expect(out).toEqual(['late', 30, undefined, 35]);
    });

    test('sleep(0) and negative delays give up exactly one iteration', () => {
      const out = go(function* () {
        const log: string[] = [];
        const other = createTask(
          (function* (): Coro<void> {
            for (let i = 0; i < 3; i++) {
              log.push(`other ${i}`);
              yield;
            }
          })(),
        );
        yield; // let `other` start
        log.push('before');
        yield* ops.sleep(0);
        log.push('after 0');
        yield* ops.sleep(-10);
        log.push('after -10');
        yield* other;
        return log;
      });
      expect(out).toEqual(['other 0', 'before', 'other 1', 'after 0', 'other 2', 'after -10']);
    });

    test('cancelled while sleeping: throws CancelledError and leaves no live timer', () => {
      const out = go(function* () {
        const t = createTask(ops.sleep(1000, 'never'));
        yield* ops.sleep(10);
        const before = liveTimers();
        t.cancel('stop');
        const e = (yield* errorOf(t)) as Error;
        return [before, e instanceof CancelledError, e.message, liveTimers(), runningLoop().time()];
      });
      expect(out).toEqual([1, true, 'stop', 0, 10]);
    });

    test('closed while sleeping (return()): the timer is cancelled', () => {
      const out = go(function* () {
        const coro = ops.sleep(1000, 'x');
        const first = coro.next();
        const during = liveTimers();
        const closed = coro.return(undefined as never);
        return [first.done, during, closed, liveTimers()];
      });
      expect(out).toEqual([false, 1, { done: true, value: undefined }, 0]);
    });

    test('rejects a bad delay inside the coroutine, when it starts', () => {
      const out = go(function* () {
        const bad = ops.sleep('1' as never); // nothing thrown yet
        const e1 = (yield* errorOf(bad)) as Error;
        const e2 = (yield* errorOf(ops.sleep(Number.NaN))) as Error;
        return [`${e1.name}: ${e1.message}`, `${e2.name}: ${e2.message}`];
      });
      expect(out).toEqual([
        "TypeError: sleep(): ms must be a number (milliseconds), got '1'",
        'RangeError: sleep(): ms must not be NaN',
      ]);
    });

    test('as the body of waitFor: the timeout cancels it and no timer is left', () => {
      const out = go(function* () {
        const e = (yield* errorOf(waitFor(ops.sleep(100), 20))) as Error;
        return [e.name, runningLoop().time(), liveTimers()];
      });
      expect(out).toEqual(['TimeoutError', 20, 0]);
    });
  });

  describe('Queue.get and Queue.put', () => {
    test('take what is there at once, and wait in FIFO order otherwise', () => {
      const out = go(function* () {
        const q = new Queue<string>();
        const log: string[] = [];
        q.putNowait('ready');
        log.push(`got ${yield* ops.get(q)}`);
        const getters = ['g1', 'g2'].map((n) =>
          createTask(
            (function* (): Coro<void> {
              log.push(`${n} got ${yield* ops.get(q)}`);
            })(),
          ),
        );
        yield;
        yield* ops.put(q, 'a');
        yield* ops.put(q, 'b');
        for (const g of getters) yield* g;
        return log;
      });
      expect(out).toEqual(['got ready', 'g1 got a', 'g2 got b']);
    });

    test('a put on a full queue waits for room', () => {
      const out = go(function* () {
        const q = new Queue<number>(1);
        const log: string[] = [];
        yield* ops.put(q, 1);
        const p = createTask(
          (function* (): Coro<void> {
            yield* ops.put(q, 2);
            log.push('put 2 done');
          })(),
        );
        yield;
        log.push(`full: ${q.full()}, ${q.statistics().puttersWaiting} waiting`);
        log.push(`got ${yield* ops.get(q)}`);
        yield* p;
        log.push(`then ${q.getNowait()}`);
        return log;
      });
      expect(out).toEqual(['full: true, 1 waiting', 'got 1', 'put 2 done', 'then 2']);
    });

    test('a getter cancelled after being woken passes the item to the next getter', () => {
      const out = go(function* () {
        const q = new Queue<string>();
        const a = createTask(ops.get(q));
        const b = createTask(ops.get(q));
        yield;
        q.putNowait('item'); // wakes a
        a.cancel(); // ... which will not take it
        yield* errorOf(a);
        const got = yield* b;
        return [outcome(a), got, q.qsize(), q.statistics().gettersWaiting];
      });
      expect(out).toEqual(['cancelled', 'item', 0, 0]);
    });

    test('a putter cancelled after being woken passes the room to the next putter', () => {
      const out = go(function* () {
        const q = new Queue<string>(1);
        q.putNowait('x');
        const a = createTask(ops.put(q, 'a'));
        const b = createTask(ops.put(q, 'b'));
        yield;
        q.getNowait(); // wakes a
        a.cancel();
        yield* errorOf(a);
        yield* b;
        return [outcome(a), q.getNowait(), q.statistics().puttersWaiting];
      });
      expect(out).toEqual(['cancelled', 'b', 0]);
    });

    test('shutdown wakes waiting getters and putters with QueueShutDown', () => {
      const out = go(function* () {
        const full = new Queue<string>(1);
        full.putNowait('kept');
        const empty = new Queue<string>();
        const p = createTask(ops.put(full, 'late'));
        const g = createTask(ops.get(empty));
        yield;
        const waiting = [full.statistics().puttersWaiting, empty.statistics().gettersWaiting];
        full.shutdown();
        empty.shutdown();
        const ep = (yield* errorOf(p)) as Error;
        const eg = (yield* errorOf(g)) as Error;
        // What was put before the shutdown can still be taken.
        const kept = yield* ops.get(full);
        return [waiting, `${ep.name}: ${ep.message}`, `${eg.name}: ${eg.message}`, kept];
      });
      expect(out).toEqual([
        [1, 1],
        'QueueShutDown: Queue.put(): the queue is shut down',
        'QueueShutDown: Queue.get(): the queue is shut down',
        'kept',
      ]);
    });

    test('get on a shut-down queue returns what is left, then throws', () => {
      const out = go(function* () {
        const q = new Queue<number>();
        q.putNowait(1);
        q.shutdown();
        const first = yield* ops.get(q);
        const e = (yield* errorOf(ops.get(q))) as Error;
        const p = (yield* errorOf(ops.put(q, 2))) as Error;
        return [first, e.name, `${p.name}: ${p.message}`];
      });
      expect(out).toEqual([
        1,
        'QueueShutDown',
        'QueueShutDown: Queue.putNowait(): the queue is shut down',
      ]);
    });

    test('closed while waiting (return()): leaves the queue with no waiter', () => {
      const out = go(function* () {
        const q = new Queue<number>();
        const coro = ops.get(q);
        coro.next();
        const during = q.statistics().gettersWaiting;
        coro.return(undefined as never);
        q.putNowait(5);
        return [during, q.statistics().gettersWaiting, q.qsize()];
      });
      expect(out).toEqual([1, 0, 1]);
    });
  });
});
