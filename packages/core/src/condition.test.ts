import { describe, expect, test } from 'vitest';
import { ticks } from '../test/helpers';
import { Condition } from './condition';
import { Lock } from './lock';
import { runSync } from './runner';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

describe('Condition', () => {
  test("acquires through a Lock subclass's own acquire(), as asyncio's Condition does", () => {
    class CountingLock extends Lock {
      acquires = 0;
      override acquire(): Coro<true> {
        this.acquires++;
        return super.acquire();
      }
    }
    const lock = new CountingLock();
    const cond = new Condition(lock);
    runSync(
      (function* (): Coro<void> {
        yield* cond.acquire();
        cond.release();
        yield* cond.hold(function* () {});
      })(),
    );
    expect(lock.acquires).toBe(2);
    expect(lock.locked()).toBe(false);
  });

  test('notify(n) wakes n waiters in FIFO order and notifyAll the rest', () => {
    const cond = new Condition();
    const log: string[] = [];
    function* waiter(name: string): Coro<void> {
      yield* cond.hold(function* () {
        yield* cond.wait();
        log.push(name);
      });
    }
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c', 'd'].map((n) => createTask(waiter(n)));
        yield;
        yield* cond.hold(function* () {
          cond.notify(2);
        });
        yield* ticks(2);
        log.push('--');
        yield* cond.hold(function* () {
          cond.notifyAll();
        });
        for (const t of tasks) yield* t;
      })(),
    );
    // CPython 3.13: ['a', 'b', '--', 'c', 'd']
    expect(log).toEqual(['a', 'b', '--', 'c', 'd']);
  });

  test('wait releases the lock while waiting and holds it again when it returns', () => {
    const cond = new Condition();
    const seen = runSync(
      (function* () {
        const log: unknown[] = [];
        const t = createTask(
          cond.hold(function* () {
            const r = yield* cond.wait();
            log.push(['woke', r, cond.locked()]);
          }),
        );
        yield;
        log.push(['waiting, lock free', cond.locked()]);
        yield* cond.acquire();
        cond.notify();
        yield;
        log.push(['notified but lock held', t.done()]);
        cond.release();
        yield* t;
        return log;
      })(),
    );
    expect(seen).toEqual([
      ['waiting, lock free', false],
      ['notified but lock held', false],
      ['woke', true, true],
    ]);
  });

  test('wait re-acquires the lock before throwing when cancelled', () => {
    const cond = new Condition();
    const log: string[] = [];
    function* waiter(name: string): Coro<void> {
      yield* cond.hold(function* () {
        try {
          yield* cond.wait();
          log.push(`${name} woke locked=${cond.locked()}`);
        } catch (e) {
          log.push(`${name} ${(e as Error).name} locked=${cond.locked()}`);
          throw e;
        }
      });
    }
    runSync(
      (function* () {
        const a = createTask(waiter('a'));
        const b = createTask(waiter('b'));
        yield;
        yield* cond.acquire();
        a.cancel();
        yield* ticks(2);
        log.push(`main still holds; a done=${a.done()}`);
        cond.release();
        try {
          yield* a;
        } catch {}
        log.push(`a done; waiting=${cond.statistics().waiting}`);
        yield* cond.hold(function* () {
          cond.notifyAll();
        });
        yield* b;
      })(),
    );
    // CPython 3.13 (a's cancellation passes a spurious wake-up to b):
    expect(log).toEqual([
      'main still holds; a done=false',
      'a CancelledError locked=true',
      'b woke locked=true',
      'a done; waiting=0',
    ]);
  });

  // cpython#112202: a waiter notified and then cancelled must not swallow the notification.
  test('passes the notification on when a notified waiter is cancelled (cpython#112202)', () => {
    const cond = new Condition();
    const log: string[] = [];
    function* waiter(name: string): Coro<void> {
      yield* cond.hold(function* () {
        try {
          yield* cond.wait();
          log.push(`${name} woke`);
        } catch (e) {
          log.push(`${name} ${(e as Error).name}`);
          throw e;
        }
      });
    }
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(n)));
        yield;
        yield* cond.hold(function* () {
          cond.notify(1);
          (tasks[0] as Task<void>).cancel();
          yield;
        });
        yield;
        for (const t of tasks.slice(0, 2)) {
          try {
            yield* t;
          } catch {}
        }
        log.push(`c done? ${(tasks[2] as Task<void>).done()}`);
        (tasks[2] as Task<void>).cancel();
        try {
          yield* tasks[2] as Task<void>;
        } catch {}
      })(),
    );
    // CPython 3.13: ['a cancelled', 'b woke', 'c done? False', 'c cancelled']
    expect(log).toEqual(['a CancelledError', 'b woke', 'c done? false', 'c CancelledError']);
  });

  test('waitFor waits until the predicate holds and evaluates to its value', () => {
    const cond = new Condition();
    const items: number[] = [];
    const seen = runSync(
      (function* () {
        const checks: number[] = [];
        const consumer = createTask(
          cond.hold(function* () {
            return yield* cond.waitFor(() => {
              checks.push(items.length);
              return items.length >= 2 ? items.slice() : null;
            });
          }),
        );
        for (const x of [1, 2]) {
          yield;
          yield* cond.hold(function* () {
            items.push(x);
            cond.notify();
          });
        }
        return [yield* consumer, checks];
      })(),
    );
    expect(seen).toEqual([
      [1, 2],
      [0, 1, 2],
    ]);
  });

  test('waitFor does not wait when the predicate already holds', () => {
    const cond = new Condition();
    const seen = runSync(
      (function* () {
        return yield* cond.hold(() => cond.waitFor(() => 'ready'));
      })(),
    );
    expect(seen).toBe('ready');
  });

  test('wait and notify throw when the lock is not held', () => {
    const cond = new Condition();
    expect(() => cond.notify()).toThrow('Condition.notify(): cannot notify on an un-acquired lock');
    expect(() => cond.notifyAll()).toThrow(Error);
    expect(() => runSync(cond.wait())).toThrow(
      'Condition.wait(): cannot wait on an un-acquired lock',
    );
  });

  test('shares a given lock with other conditions', () => {
    const lock = new Lock();
    const a = new Condition(lock);
    const b = new Condition(lock);
    const seen = runSync(
      (function* () {
        yield* a.acquire();
        const r = [lock.locked(), b.locked()];
        b.release();
        return [...r, a.locked()];
      })(),
    );
    expect(seen).toEqual([true, true, false]);
    expect(() => new Condition({} as Lock)).toThrow(TypeError);
  });

  test('statistics report waiters and the lock', () => {
    const cond = new Condition();
    const seen = runSync(
      (function* () {
        const ts = [0, 1].map(() => createTask(cond.hold(() => cond.wait())));
        yield;
        yield* cond.acquire();
        const s = cond.statistics();
        const str = String(cond);
        cond.notifyAll();
        cond.release();
        for (const t of ts) yield* t;
        return [s.locked, s.waiting, s.lockWaiting, s.owner !== undefined, str];
      })(),
    );
    expect(seen).toEqual([true, 2, 0, true, '<Condition [locked, waiters:2]>']);
  });
});
