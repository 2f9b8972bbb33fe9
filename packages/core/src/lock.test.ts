import { describe, expect, test, vi } from 'vitest';
import { ticks } from '../test/helpers';
import { CancelledError } from './exceptions';
import { Lock } from './lock';
import { WaiterQueue } from './waiters';
import { run, runSync } from './runner';
import type { Task } from './public';
import { createTask, currentTask } from './taskFunctions';
import type { Coro } from './types';

/** Lets the loop run `n` iterations (asyncio's `await asyncio.sleep(0)`, n times). */

describe('Lock', () => {
  test('acquires a free lock at once and reports it locked', () => {
    const lock = new Lock();
    const seen = runSync(
      (function* () {
        const r = yield* lock.acquire();
        return [r, lock.locked()];
      })(),
    );
    expect(seen).toEqual([true, true]);
  });

  test('wakes waiters in FIFO order', () => {
    const lock = new Lock();
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      yield* lock.acquire();
      log.push(`${name} in`);
      yield* ticks(2);
      log.push(`${name} out`);
      lock.release();
    }
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c', 'd'].map((n) => createTask(worker(n)));
        for (const t of tasks) yield* t;
      })(),
    );
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out', 'd in', 'd out']);
  });

  test('throws when releasing an unlocked lock', () => {
    const lock = new Lock();
    expect(() => lock.release()).toThrow(Error);
    expect(() => lock.release()).toThrow('Lock.release(): the lock is not acquired');
  });

  // asyncio: release() hands the lock to the first waiter; a task that arrives before
  // that waiter has run queues behind it, although locked() is false meanwhile.
  test('hands the lock to the woken waiter, not to a newcomer arriving before it runs', () => {
    const lock = new Lock();
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      yield* lock.acquire();
      log.push(`${name} got`);
      yield;
      lock.release();
    }
    runSync(
      (function* () {
        yield* lock.acquire();
        const a = createTask(worker('a'));
        yield;
        lock.release();
        const b = createTask(worker('b'));
        log.push(`locked? ${lock.locked()}`);
        yield* a;
        yield* b;
      })(),
    );
    // Checked against CPython 3.13: ['locked? False', 'a got', 'b got'].
    expect(log).toEqual(['locked? false', 'a got', 'b got']);
  });

  test('a waiter cancelled after being woken passes the lock to the next waiter', () => {
    const lock = new Lock();
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      try {
        yield* lock.acquire();
      } catch (e) {
        log.push(`${name} ${(e as Error).name}`);
        throw e;
      }
      log.push(`${name} got`);
      lock.release();
    }
    const lockedAtEnd = runSync(
      (function* () {
        yield* lock.acquire();
        const a = createTask(worker('a'));
        const b = createTask(worker('b'));
        yield;
        lock.release(); // wakes a...
        a.cancel(); // ...which is cancelled before it runs
        yield* b;
        return lock.locked();
      })(),
    );
    // CPython 3.13: ['a cancelled', 'b got'], unlocked at the end.
    expect(log).toEqual(['a CancelledError', 'b got']);
    expect(lockedAtEnd).toBe(false);
  });

  test('a cancelled waiter that was never woken leaves the queue without taking the lock', () => {
    const lock = new Lock();
    const order = runSync(
      (function* () {
        const log: string[] = [];
        yield* lock.acquire();
        const a = createTask(
          (function* () {
            yield* lock.acquire();
            log.push('a');
            lock.release();
          })(),
        );
        const b = createTask(
          (function* () {
            yield* lock.acquire();
            log.push('b');
            lock.release();
          })(),
        );
        yield;
        a.cancel();
        yield;
        log.push(`waiting ${lock.statistics().waiting}`);
        lock.release();
        yield* b;
        return [log, a.cancelled()];
      })(),
    );
    expect(order).toEqual([['waiting 1', 'b'], true]);
  });

  test('lets a newcomer in at once when every waiter is cancelled', () => {
    const lock = new Lock();
    const seen = runSync(
      (function* () {
        yield* lock.acquire();
        const a = createTask(lock.acquire());
        yield;
        a.cancel();
        lock.release();
        // a's future is cancelled but a has not run yet: the fast path may skip it.
        const it = lock.acquire();
        const first = it.next();
        yield* ticks(1);
        return [first.done, lock.locked(), a.cancelled()];
      })(),
    );
    expect(seen).toEqual([true, true, true]);
  });

  test('uncontended acquire and release queue no waiter (and so make no future)', () => {
    const lock = new Lock();
    const push = vi.spyOn(WaiterQueue.prototype, 'push');
    try {
      runSync(
        (function* () {
          for (let i = 0; i < 1000; i++) {
            yield* lock.acquire();
            lock.release();
            yield* lock.hold(function* () {});
          }
          expect(push).not.toHaveBeenCalled();
          // Contended: one waiter (one future) per task that has to wait.
          yield* lock.acquire();
          const t = createTask(lock.acquire());
          yield;
          lock.release();
          yield* t;
          lock.release();
        })(),
      );
      expect(push).toHaveBeenCalledTimes(1);
    } finally {
      push.mockRestore();
    }
  });

  describe('hold', () => {
    test('runs the body holding the lock and evaluates to its result', () => {
      const lock = new Lock();
      const seen = runSync(
        (function* () {
          const r = yield* lock.hold(function* () {
            yield;
            return lock.locked() ? 'held' : 'not held';
          });
          return [r, lock.locked()];
        })(),
      );
      expect(seen).toEqual(['held', false]);
    });

    test('releases the lock when the body throws', () => {
      const lock = new Lock();
      const seen = runSync(
        (function* () {
          try {
            yield* lock.hold(function* (): Coro<void> {
              yield;
              throw new RangeError('boom');
            });
          } catch (e) {
            return [(e as Error).message, lock.locked()];
          }
          return null;
        })(),
      );
      expect(seen).toEqual(['boom', false]);
    });

    test('releases the lock when the task is cancelled inside the body', () => {
      const lock = new Lock();
      const seen = runSync(
        (function* () {
          const t = createTask(
            lock.hold(function* () {
              yield* ticks(10);
            }),
          );
          yield;
          const heldDuring = lock.locked();
          t.cancel();
          try {
            yield* t;
          } catch (e) {
            return [heldDuring, e instanceof CancelledError, lock.locked()];
          }
          return null;
        })(),
      );
      expect(seen).toEqual([true, true, false]);
    });

    test('does not run the body nor release when cancelled while acquiring', () => {
      const lock = new Lock();
      const seen = runSync(
        (function* () {
          let ran = false;
          yield* lock.acquire();
          const t = createTask(
            lock.hold(function* () {
              ran = true;
            }),
          );
          yield;
          t.cancel();
          yield* ticks(2);
          return [ran, t.cancelled(), lock.locked()];
        })(),
      );
      expect(seen).toEqual([false, true, true]);
    });
  });

  test('statistics report the owner task and the number of waiters', () => {
    const lock = new Lock();
    const seen = runSync(
      (function* () {
        const before = lock.statistics();
        yield* lock.acquire();
        const me = currentTask();
        const waiters = [createTask(lock.acquire()), createTask(lock.acquire())];
        yield;
        const during = lock.statistics();
        lock.release();
        yield* waiters[0] as Task<true>;
        const after = lock.statistics();
        lock.release();
        yield* waiters[1] as Task<true>;
        lock.release();
        return [
          before,
          during.owner === me,
          during.waiting,
          after.owner === waiters[0],
          after.waiting,
        ];
      })(),
    );
    expect(seen).toEqual([{ locked: false, owner: undefined, waiting: 0 }, true, 2, true, 1]);
  });

  test('toString shows the state and the waiters', () => {
    const lock = new Lock();
    const seen = runSync(
      (function* () {
        const s0 = String(lock);
        yield* lock.acquire();
        createTask(lock.acquire());
        yield;
        const s1 = String(lock);
        lock.release();
        yield;
        lock.release();
        return [s0, s1];
      })(),
    );
    expect(seen).toEqual(['<Lock [unlocked]>', '<Lock [locked, waiters:1]>']);
  });

  test('throws when a task of another loop has to wait on it', async () => {
    const lock = new Lock();
    await run(
      (function* () {
        yield* lock.acquire();
        const t = createTask(lock.acquire());
        yield;
        lock.release();
        yield* t;
      })(),
    );
    // Still locked (by the first loop's task); a second loop's task must wait: refused.
    await expect(run(lock.acquire())).rejects.toThrow(
      '<Lock [locked]> is bound to a different event loop',
    );
  });

  test('handles 100 000 waiters queued and woken in order', () => {
    const lock = new Lock();
    const n = 100_000;
    const order: number[] = [];
    runSync(
      (function* () {
        yield* lock.acquire();
        const tasks: Task<void>[] = [];
        for (let i = 0; i < n; i++) {
          tasks.push(
            createTask(
              (function* () {
                yield* lock.acquire();
                order.push(i);
                lock.release();
              })(),
            ),
          );
        }
        yield;
        // Cancel every third waiter: they leave from the middle of the queue.
        for (let i = 0; i < n; i += 3) (tasks[i] as Task<void>).cancel();
        lock.release();
        for (const t of tasks) {
          try {
            yield* t;
          } catch {}
        }
      })(),
    );
    expect(order.length).toBe(n - Math.ceil(n / 3));
    expect(order.every((v, i) => i === 0 || v > (order[i - 1] as number))).toBe(true);
    expect(order.some((v) => v % 3 === 0)).toBe(false);
  });
});
