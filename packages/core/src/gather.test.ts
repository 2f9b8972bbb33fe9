import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { CancelledError } from './exceptions';
import { gather, gatherWith } from './gather';
import { GatheringFuture } from './public';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask, currentTask } from './taskFunctions';
import type { Coro } from './types';

function* after<T>(ms: number, value: T, log?: string[]): Coro<T> {
  yield* sleep(ms);
  log?.push(`${String(value)}@${ms}`);
  return value;
}

function* failAfter(ms: number, msg: string): Coro<never> {
  yield* sleep(ms);
  throw new Error(msg);
}

describe('gather', () => {
  test('runs awaitables concurrently and gives results in argument order', async () => {
    const out = await run(
      (function* () {
        const log: string[] = [];
        const loop = getRunningLoop();
        const fut = loop.createFuture<string>();
        loop.callLater(15, () => fut.setResult('future'));
        const r = yield* gather(
          after(30, 'slow', log),
          after(10, 'fast', log),
          fut,
          createTask(after(20, 'task', log)),
          Promise.resolve('promise'),
        );
        return [r, log, loop.time()];
      })(),
      { clock: new TestClock() },
    );
    expect(out).toEqual([
      ['slow', 'fast', 'future', 'task', 'promise'],
      ['fast@10', 'task@20', 'slow@30'],
      30,
    ]);
  });

  test('a gather of nothing is done at once with []', () => {
    go(function* () {
      const g = gather();
      expect(g).toBeInstanceOf(GatheringFuture);
      expect(g.done()).toBe(true);
      expect(yield* g).toEqual([]);
      expect(yield* gather([])).toEqual([]);
    });
  });

  test('the same awaitable passed twice is awaited once and reported twice', () => {
    const out = go(function* () {
      let runs = 0;
      function* once(): Coro<number> {
        runs++;
        yield;
        return 7;
      }
      const t = createTask(once());
      const r = yield* gather(t, t);
      return [r, runs];
    });
    expect(out).toEqual([[7, 7], 1]);
  });

  test('already-done futures complete the gather', () => {
    go(function* () {
      const loop = getRunningLoop();
      const a = loop.createFuture<number>();
      const b = loop.createFuture<number>();
      a.setResult(1);
      b.setResult(2);
      const g = gather(a, b);
      expect(g.done()).toBe(true);
      expect(yield* g).toEqual([1, 2]);
    });
  });

  test("a child's error reaches the caller at once, without cancelling the others", () => {
    const out = go(function* () {
      const log: string[] = [];
      const other = createTask(after(50, 'other', log));
      const e = yield* errorOf(gather(failAfter(10, 'first failure'), other));
      log.push(`caught ${(e as Error).message} at ${getRunningLoop().time()}`);
      log.push(`other cancelled? ${other.cancelled()}`);
      yield* other;
      return log;
    });
    expect(out).toEqual(['caught first failure at 10', 'other cancelled? false', 'other@50']);
  });

  test('returnExceptions collects errors and cancellations as results', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const c = createTask(sleep(100));
      loop.callLater(5, () => c.cancel('own reason'));
      const r = yield* gather(after(10, 'ok'), failAfter(5, 'bad'), c, { returnExceptions: true });
      return r;
    });
    expect(out[0]).toBe('ok');
    expect(out[1]).toBeInstanceOf(Error);
    expect((out[1] as Error).message).toBe('bad');
    // CPython 3.13: CancelledError('') — a task cancelled while it waited keeps no message
    // of its own (the message travelled with the CancelledError through its coroutine).
    expect(out[2]).toBeInstanceOf(CancelledError);
    expect((out[2] as Error).message).toBe('');
  });

  test('returnExceptions reports a cancelled future with its cancel message', () => {
    const out = go(function* () {
      const f = getRunningLoop().createFuture();
      f.cancel('fmsg');
      return yield* gather(f, { returnExceptions: true });
    });
    // CPython 3.13: [CancelledError('fmsg')]
    expect(out[0]).toBeInstanceOf(CancelledError);
    expect((out[0] as Error).message).toBe('fmsg');
  });

  test('the gather resumes its awaiter where the callback of its last child would run', () => {
    // Three children finish in one iteration, callbacks queued between their
    // completions: the awaiter wakes after the callbacks queued before the last child
    // finished, and before the ones queued after (asyncio's order: one done-callback per
    // child, the last one completing the gather; CPython 3.13 logs the same lines).
    const run1 = (returnExceptions: boolean) =>
      go(function* () {
        const loop = getRunningLoop();
        const log: string[] = [];
        const futs = [
          loop.createFuture<number>(),
          loop.createFuture<number>(),
          loop.createFuture<number>(),
        ];
        const g = gather(...futs, { returnExceptions });
        const waiter = createTask(
          (function* () {
            const r = yield* g;
            log.push(
              `gather ${r.map((x: unknown) => (x instanceof Error ? x.message : String(x))).join(',')}`,
            );
          })(),
        );
        yield; // the waiter awaits the gather
        const note = (what: string) => () => log.push(`${what} done=${g.done()}`);
        loop.callSoon(() => {
          futs[1]?.setResult(1);
          loop.callSoon(note('cb after 1'));
          futs[0]?.setResult(0);
          loop.callSoon(note('cb after 0'));
          if (returnExceptions) futs[2]?.setException(new Error('two'));
          else futs[2]?.setResult(2);
          loop.callSoon(note('cb after 2'));
        });
        yield* waiter;
        yield;
        return log;
      });
    const expected = (last: string) => [
      'cb after 1 done=false',
      'cb after 0 done=false',
      'cb after 2 done=true',
      `gather 0,1,${last}`,
    ];
    expect(run1(false)).toEqual(expected('2'));
    expect(run1(true)).toEqual(expected('two'));
  });

  test('gatherWith takes the options first', () => {
    const out = go(function* () {
      return yield* gatherWith({ returnExceptions: true }, after(1, 'a'), failAfter(2, 'b'));
    });
    expect(out[0]).toBe('a');
    expect((out[1] as Error).message).toBe('b');
    const plain = go(function* () {
      return yield* gatherWith({}, after(1, 'x'), after(2, 'y'));
    });
    expect(plain).toEqual(['x', 'y']);
  });

  test('gather(list) takes one array (or other iterable) of awaitables, with options', () => {
    const out = go(function* () {
      const a = yield* gather([after(2, 'a'), after(1, 'b')]);
      const b = yield* gather(new Set([after(1, 'c')]));
      const c = yield* gather([failAfter(1, 'd')], { returnExceptions: true });
      return [a, b, (c[0] as unknown as Error).message];
    });
    expect(out).toEqual([['a', 'b'], ['c'], 'd']);
  });

  test('a child cancelled on its own makes the gather raise CancelledError', () => {
    const out = go(function* () {
      const a = createTask(sleep(100));
      const b = createTask(after(10, 'b'));
      getRunningLoop().callLater(5, () => a.cancel('by itself'));
      const g = gather(a, b);
      const e = yield* errorOf(g);
      return [e instanceof CancelledError, (e as Error).message, g.cancelled(), b.cancelled()];
    });
    // CPython: the gather fails with the child's CancelledError; it is not cancelled itself.
    expect(out).toEqual([true, 'by itself', false, false]);
  });

  test('cancelling the gather cancels every child, and the gather raises CancelledError', () => {
    const out = go(function* () {
      const log: string[] = [];
      function* child(name: string): Coro<void> {
        try {
          yield* sleep(100);
        } catch (e) {
          log.push(`${name}: ${(e as Error).message}`);
          throw e;
        }
      }
      const g = gather(child('a'), child('b'));
      yield;
      expect(g.cancel('enough')).toBe(true);
      const e = yield* errorOf(g);
      return [log, e instanceof CancelledError, (e as Error).message];
    });
    expect(out).toEqual([['a: enough', 'b: enough'], true, 'enough']);
  });

  test('cancelling the task awaiting a gather cancels the children', () => {
    const out = go(function* () {
      const a = createTask(sleep(100));
      const b = createTask(sleep(100));
      const waiter = createTask(
        (function* () {
          yield* gather(a, b);
        })(),
      );
      yield;
      waiter.cancel();
      yield* errorOf(waiter);
      return [a.cancelled(), b.cancelled(), waiter.cancelled()];
    });
    expect(out).toEqual([true, true, true]);
  });

  test('a cancelled gather with returnExceptions still raises CancelledError', () => {
    const out = go(function* () {
      const g = gather(sleep(100), sleep(100), { returnExceptions: true });
      yield;
      g.cancel('m');
      const e = yield* errorOf(g);
      return [e instanceof CancelledError, (e as Error).message];
    });
    expect(out).toEqual([true, 'm']);
  });

  // CPython 3.11–3.13 build the error from the last child in argument order: here a child
  // that finished normally, whose cancelled-error has no message.
  test('a cancelled gather with returnExceptions takes its error from the last child', () => {
    const out = go(function* () {
      const slow = createTask(sleep(100));
      const quick = createTask(
        (function* () {
          return 'result-2';
        })(),
      );
      yield;
      const g = gather(slow, quick, { returnExceptions: true });
      yield;
      expect(g.cancel('m')).toBe(true);
      const e = yield* errorOf(g);
      return [e instanceof CancelledError, (e as Error).message];
    });
    // CPython 3.13: CancelledError() — no message.
    expect(out).toEqual([true, '']);
  });

  test('a last child that swallowed a cancellation gives the cancelled gather its message', () => {
    // CPython 3.13 prints ['done', "('first',)"]: the task keeps its cancel message
    // after it finished normally.
    const out = go(function* () {
      const slow = createTask(sleep(100));
      const t = createTask(
        (function* (): Coro<string> {
          try {
            yield* sleep(0);
          } catch {
            currentTask()?.uncancel();
          }
          return 'done';
        })(),
      );
      yield;
      t.cancel('first');
      yield;
      yield;
      const g = gather(slow, t, { returnExceptions: true });
      yield;
      g.cancel('m');
      const e = yield* errorOf(g);
      return [t.result(), (e as Error).message];
    });
    expect(out).toEqual(['done', 'first']);
  });

  test('the last child may be a plain finished future: its cancelled-error has no message', () => {
    const out = go(function* () {
      const f = getRunningLoop().createFuture<string>();
      f.setResult('val');
      const g = gather(sleep(100), f, { returnExceptions: true });
      yield;
      g.cancel('m2');
      const e = yield* errorOf(g);
      return (e as Error).message;
    });
    // CPython 3.13: CancelledError() — no message.
    expect(out).toBe('');
  });

  test('cancel() is false on a done gather, and when no child could be cancelled', () => {
    go(function* () {
      const g = gather(after(1, 'x'));
      yield* g;
      expect(g.cancel()).toBe(false);
      const f = getRunningLoop().createFuture<number>();
      f.setResult(1);
      const t = createTask(sleep(10));
      const g2 = gather(t, f);
      yield* t;
      // Every child is done, the gather's callback has not run yet.
      expect(g2.cancel()).toBe(false);
      expect(yield* g2).toEqual([undefined, 1]);
    });
  });

  test('rejects a non-awaitable argument, naming its position', () => {
    go(function* () {
      expect(() => gather(sleep(1), 42 as never)).toThrow(TypeError);
      expect(() => gather(sleep(1), 42 as never)).toThrow(
        'gather(): argument 1 is not awaitable (a Future, a coroutine or a PromiseLike)',
      );
      expect(() => gather(42 as never)).toThrow(
        'gather(): expected awaitables (futures, tasks, coroutines, promises) or one iterable of them',
      );
      expect(() => gather([sleep(1), 'x'] as never)).toThrow(
        "ensureFuture(): a Future, a coroutine or a PromiseLike is required, got 'x'",
      );
      expect(() => gatherWith(null as never, sleep(1))).toThrow(
        'gatherWith(): opts must be an options object',
      );
      yield;
    });
  });

  test('outside a running loop, gather of nothing throws', () => {
    expect(() => gather()).toThrow('no running event loop');
  });

  test('a child failing after the gather was settled has its exception retrieved', () => {
    const out = go(function* () {
      const a = createTask(failAfter(1, 'first'));
      const b = createTask(failAfter(2, 'second'));
      const e = yield* errorOf(gather(a, b));
      yield* sleep(5);
      return [(e as Error).message, b.done()];
    });
    expect(out).toEqual(['first', true]);
  });

  test('gathers 100 000 tasks given as one array without stack overflow', async () => {
    const n = 100_000;
    const sum = await run(
      (function* () {
        function* work(i: number): Coro<number> {
          yield;
          return i;
        }
        const tasks = [];
        for (let i = 0; i < n; i++) tasks.push(createTask(work(i)));
        const results = yield* gather(tasks);
        let s = 0;
        for (let i = 0; i < results.length; i++) {
          if (results[i] !== i) throw new Error(`result ${i} out of order`);
          s += results[i] as number;
        }
        return [results.length, s];
      })(),
      { clock: new TestClock() },
    );
    expect(sum).toEqual([n, (n * (n - 1)) / 2]);
  });

  test('gathers 100 000 coroutines given as one array', () => {
    const n = 100_000;
    const count = go(function* () {
      const coros = [];
      for (let i = 0; i < n; i++) coros.push(sleep(0, i));
      const results = yield* gather(coros);
      return results.length;
    });
    expect(count).toBe(n);
  });
});
