import { describe, expect, test } from 'vitest';
import { Barrier } from './barrier';
import { runSync } from './runner';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

function passer(barrier: Barrier, log: string[], name: string): () => Coro<void> {
  return function* () {
    try {
      const i = yield* barrier.wait();
      log.push(`${name} passed ${i}`);
    } catch (e) {
      log.push(`${name} ${(e as Error).name}: ${(e as Error).message}`);
      throw e;
    }
  };
}

/** Waits for every task, ignoring how each ended. */
function* settle(tasks: Iterable<Task<unknown>>): Coro<void> {
  for (const t of tasks) {
    try {
      yield* t;
    } catch {}
  }
}

describe('Barrier', () => {
  test('releases all parties together; wait evaluates to the arrival index', () => {
    const barrier = new Barrier(3);
    const log: string[] = [];
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c'].map((n) => createTask(passer(barrier, log, n)()));
        yield;
        log.push(`filled: ${String(barrier)}`);
        yield* settle(tasks);
      })(),
    );
    // CPython 3.13: the last arrival passes first, within the same iteration.
    expect(log).toEqual([
      'c passed 2',
      'filled: <Barrier [draining, waiters:0/3]>',
      'a passed 0',
      'b passed 1',
    ]);
  });

  test('a newcomer during draining waits for the next round, which reset breaks', () => {
    const barrier = new Barrier(3);
    const log: string[] = [];
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c'].map((n) => createTask(passer(barrier, log, n)()));
        yield;
        const d = createTask(passer(barrier, log, 'd')());
        yield;
        log.push(`after: ${barrier.nWaiting} ${barrier.statistics().state}`);
        yield* settle(tasks);
        yield;
        log.push(`later: ${barrier.nWaiting} d done=${d.done()}`);
        yield* barrier.reset();
        yield;
        log.push(
          `after reset: ${barrier.nWaiting} ${barrier.statistics().state} d done=${d.done()}`,
        );
        yield* settle([d]); // retrieve d's BrokenBarrierError
      })(),
    );
    // CPython 3.13 gives the same sequence.
    expect(log).toEqual([
      'c passed 2',
      'a passed 0',
      'b passed 1',
      'after: 1 filling',
      'later: 1 d done=false',
      'd BrokenBarrierError: Abort or reset of barrier',
      'after reset: 0 filling d done=true',
    ]);
  });

  test('abort breaks current and future waiters with BrokenBarrierError', () => {
    const barrier = new Barrier(2);
    const log: string[] = [];
    const broken = runSync(
      (function* () {
        const x = createTask(passer(barrier, log, 'x')());
        yield;
        yield* barrier.abort();
        yield* settle([x]);
        yield* settle([createTask(passer(barrier, log, 'y')())]);
        return barrier.broken;
      })(),
    );
    expect(log).toEqual([
      'x BrokenBarrierError: Abort or reset of barrier',
      'y BrokenBarrierError: Barrier aborted',
    ]);
    expect(broken).toBe(true);
    expect(String(barrier)).toBe('<Barrier [broken]>');
  });

  test('abort and reset work without yield* too', () => {
    const barrier = new Barrier(2);
    // eslint-disable-next-line @aio/no-floating-coroutine -- what this test pins
    barrier.abort();
    expect(barrier.broken).toBe(true);
    // eslint-disable-next-line @aio/no-floating-coroutine -- what this test pins
    barrier.reset();
    expect(barrier.broken).toBe(false);
    expect(barrier.statistics()).toEqual({ state: 'filling', parties: 2, nWaiting: 0, waiting: 0 });
  });

  test('a task cancelled while waiting leaves without breaking the barrier', () => {
    const barrier = new Barrier(2);
    const log: string[] = [];
    runSync(
      (function* () {
        const p = createTask(passer(barrier, log, 'p')());
        yield;
        log.push(`${barrier.nWaiting}`);
        p.cancel();
        yield* settle([p]);
        log.push(`${barrier.nWaiting} ${barrier.statistics().state} ${barrier.broken}`);
        yield* settle(['q', 'r'].map((n) => createTask(passer(barrier, log, n)())));
      })(),
    );
    // CPython 3.13: ['1', 'p cancelled', '0 FILLING False', 'r passed 1', 'q passed 0']
    expect(log).toEqual(['1', 'p CancelledError: ', '0 filling false', 'r passed 1', 'q passed 0']);
  });

  test('can be used for many rounds', () => {
    const barrier = new Barrier(3);
    const seen = runSync(
      (function* () {
        const indices: number[][] = [[], [], []];
        const tasks = [0, 1, 2].map((k) =>
          createTask(
            (function* () {
              for (let round = 0; round < 4; round++) {
                (indices[k] as number[]).push(yield* barrier.wait());
              }
            })(),
          ),
        );
        yield* settle(tasks);
        return indices.map((xs) => xs.length).concat(barrier.nWaiting);
      })(),
    );
    expect(seen).toEqual([4, 4, 4, 0]);
  });

  test('rejects bad parties with a RangeError or TypeError naming it', () => {
    expect(() => new Barrier(0)).toThrow(
      new RangeError('Barrier(): parties must be an integer >= 1, got 0'),
    );
    expect(() => new Barrier(1.5)).toThrow(RangeError);
    expect(() => new Barrier(Number.NaN)).toThrow(RangeError);
    expect(() => new Barrier(undefined as unknown as number)).toThrow(
      new TypeError('Barrier(): parties must be a number, got undefined'),
    );
    expect(new Barrier(4).parties).toBe(4);
  });
});
