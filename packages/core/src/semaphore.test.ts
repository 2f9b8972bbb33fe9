import { describe, expect, test } from 'vitest';
import { ticks } from '../test/helpers';
import { CancelledError } from './exceptions';
import { runSync } from './runner';
import { BoundedSemaphore, Semaphore } from './semaphore';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

describe('Semaphore', () => {
  test('lets value tasks in at once and queues the rest in FIFO order', () => {
    const sem = new Semaphore(2);
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      yield* sem.acquire();
      log.push(`${name} in`);
      yield* ticks(2);
      log.push(`${name} out`);
      sem.release();
    }
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c', 'd', 'e'].map((n) => createTask(worker(n)));
        for (const t of tasks) yield* t;
      })(),
    );
    expect(log).toEqual([
      'a in',
      'b in',
      'a out',
      'b out',
      'c in',
      'd in',
      'c out',
      'd out',
      'e in',
      'e out',
    ]);
  });

  test('defaults to one permit', () => {
    const sem = new Semaphore();
    expect(sem.locked()).toBe(false);
    expect(sem.statistics()).toEqual({ value: 1, waiting: 0 });
  });

  test('rejects a negative or fractional value with a RangeError naming it', () => {
    expect(() => new Semaphore(-1)).toThrow(RangeError);
    expect(() => new Semaphore(-1)).toThrow('Semaphore(): value must be an integer >= 0, got -1');
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
    expect(() => new Semaphore(Number.NaN)).toThrow(RangeError);
    expect(() => new Semaphore('2' as unknown as number)).toThrow(
      new TypeError('Semaphore(): value must be a number, got string'),
    );
    expect(() => new BoundedSemaphore(-2)).toThrow(
      'BoundedSemaphore(): value must be an integer >= 0, got -2',
    );
  });

  test('is locked while a task waits even if a permit is free (FIFO)', () => {
    const sem = new Semaphore(0);
    const seen = runSync(
      (function* () {
        const a = createTask(sem.acquire());
        yield;
        sem.release(); // the permit goes to a, which has not run yet
        const lockedBeforeA = sem.locked();
        yield* a;
        return [lockedBeforeA, sem.locked(), sem.statistics()];
      })(),
    );
    expect(seen).toEqual([true, true, { value: 0, waiting: 0 }]);
  });

  // cpython#90155: a waiter cancelled after release() chose it must hand its permit on.
  test('keeps the permit of a waiter cancelled after being woken (cpython#90155)', () => {
    const sem = new Semaphore(0);
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      try {
        yield* sem.acquire();
      } catch (e) {
        log.push(`${name} ${(e as Error).name}`);
        throw e;
      }
      log.push(`${name} got`);
    }
    const seen = runSync(
      (function* () {
        const tasks = ['a', 'b', 'c'].map((n) => createTask(worker(n)));
        yield;
        sem.release();
        sem.release();
        (tasks[0] as Task<void>).cancel();
        for (const t of tasks.slice(0, 2)) {
          try {
            yield* t;
          } catch {}
        }
        yield;
        return [sem.statistics().value, tasks.map((t) => t.done())];
      })(),
    );
    // CPython 3.13: ['a cancelled', 'b got', 'c got'], value 0, all done.
    expect(log).toEqual(['a CancelledError', 'b got', 'c got']);
    expect(seen).toEqual([0, [true, true, true]]);
  });

  test('a newcomer does not overtake waiters when permits come back', () => {
    const sem = new Semaphore(1);
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      yield* sem.acquire();
      log.push(name);
      yield;
      sem.release();
    }
    runSync(
      (function* () {
        yield* sem.acquire();
        const a = createTask(worker('a'));
        const b = createTask(worker('b'));
        yield;
        sem.release();
        const late = createTask(worker('late'));
        yield* a;
        yield* b;
        yield* late;
      })(),
    );
    expect(log).toEqual(['a', 'b', 'late']);
  });

  test('hold releases the permit however the body ends', () => {
    const sem = new Semaphore(1);
    const seen = runSync(
      (function* () {
        const ok = yield* sem.hold(function* () {
          yield;
          return sem.locked();
        });
        let err = '';
        try {
          yield* sem.hold(function* (): Coro<void> {
            throw new Error('body failed');
          });
        } catch (e) {
          err = (e as Error).message;
        }
        const t = createTask(sem.hold(() => ticks(5)));
        yield;
        t.cancel();
        let cancelled = false;
        try {
          yield* t;
        } catch (e) {
          cancelled = e instanceof CancelledError;
        }
        return [ok, err, cancelled, sem.statistics().value];
      })(),
    );
    expect(seen).toEqual([true, 'body failed', true, 1]);
  });

  test('toString shows the state, value and waiters', () => {
    const sem = new Semaphore(1);
    const seen = runSync(
      (function* () {
        const s0 = String(sem);
        yield* sem.acquire();
        createTask(sem.acquire());
        yield;
        const s1 = String(sem);
        sem.release();
        yield;
        return [s0, s1];
      })(),
    );
    expect(seen).toEqual(['<Semaphore [unlocked, value:1]>', '<Semaphore [locked, waiters:1]>']);
  });
});

describe('BoundedSemaphore', () => {
  test('throws a RangeError when released more times than acquired', () => {
    const sem = new BoundedSemaphore(2);
    expect(() => sem.release()).toThrow(RangeError);
    expect(() => sem.release()).toThrow(
      'BoundedSemaphore.release(): released too many times (value would exceed 2)',
    );
    const seen = runSync(
      (function* () {
        yield* sem.acquire();
        sem.release();
        try {
          sem.release();
        } catch (e) {
          return [sem.statistics().value, (e as Error).name];
        }
        return null;
      })(),
    );
    expect(seen).toEqual([2, 'RangeError']);
  });

  test('counts permits handed to woken waiters as taken', () => {
    const sem = new BoundedSemaphore(1);
    const seen = runSync(
      (function* () {
        yield* sem.acquire();
        const a = createTask(sem.acquire());
        yield;
        sem.release(); // handed to a: value stays 0
        let threw = false;
        try {
          sem.release(); // legal: a holds the permit now, this gives one back early
        } catch {
          threw = true;
        }
        yield* a;
        return [threw, sem.statistics().value];
      })(),
    );
    expect(seen).toEqual([false, 1]);
  });
});
