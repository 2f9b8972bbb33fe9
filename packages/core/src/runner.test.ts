import { describe, expect, test, vi } from 'vitest';
import { TestClock } from '@aio/test-utils';
import type { EventLoop, Task } from './public';
import { CancelledError, DeadlockError } from './exceptions';
import { Lock } from './lock';
import { run, runSync } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask, currentTask } from './taskFunctions';
import type { Coro } from './types';
import { wrapPromise } from './wrapPromise';

describe('run', () => {
  test('runs main on a new loop and resolves with its result', async () => {
    function* main(): Coro<number> {
      yield* sleep(1000);
      return 42;
    }
    const clock = new TestClock();
    await expect(run(main(), { clock })).resolves.toBe(42);
    expect(clock.now()).toBe(1000);
  });

  test('rejects with the error of main', async () => {
    function* main(): Coro<void> {
      yield;
      throw new TypeError('main failed');
    }
    await expect(run(main())).rejects.toThrow(new TypeError('main failed'));
  });

  test('rejects with CancelledError when main is cancelled', async () => {
    function* main(): Coro<void> {
      (currentTask() as { cancel(m?: string): boolean }).cancel('main cancelled');
      yield;
    }
    const e = (await run(main()).catch((x: Error) => x)) as Error;
    expect(e).toBeInstanceOf(CancelledError);
    expect(e.message).toBe('main cancelled');
  });

  test('rejects a non-generator, with a hint for a generator function', async () => {
    function* main(): Coro<void> {}
    const e = (await run(main as never).catch((x: Error) => x)) as Error;
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe(
      'run(): main must be a coroutine (generator object), got function main — call it: main()',
    );
    await expect(run(42 as never)).rejects.toThrow(
      'run(): main must be a coroutine (generator object), got 42',
    );
  });

  test('rejects when called inside a running loop', async () => {
    function* inner(): Coro<void> {}
    const out = await run(
      (function* () {
        const p = run(inner());
        const e = yield* wrapPromise(
          p.then(
            () => null,
            (x) => x,
          ),
        );
        return (e as Error).message;
      })(),
    );
    expect(out).toBe(
      'run() cannot be called from a running event loop: inside a coroutine use yield* or createTask()',
    );
  });

  test('cancels the tasks still pending when main ends, runs their finally blocks, closes the loop', async () => {
    // CPython 3.13: 1 ['finally', 'finally 2']
    const log: string[] = [];
    let loop: EventLoop | undefined;
    function* leftover(): Coro<void> {
      try {
        yield* sleep(10_000);
      } finally {
        log.push('finally');
        yield* sleep(0);
        log.push('finally 2');
      }
    }
    function* main(): Coro<number> {
      loop = getRunningLoop();
      createTask(leftover());
      yield;
      return 1;
    }
    const clock = new TestClock();
    await expect(run(main(), { clock })).resolves.toBe(1);
    expect(log).toEqual(['finally', 'finally 2']);
    expect(loop?.isClosed()).toBe(true);
    expect(clock.now()).toBe(0);
  });

  test('callbacks left by main get the same iterations as in CPython', async () => {
    // CPython 3.13: r [0, 1, 2, 3, 4]
    const log: number[] = [];
    function* main(): Coro<string> {
      const loop = getRunningLoop();
      const chain = (n: number): void => {
        log.push(n);
        loop.callSoon(chain, n + 1);
      };
      loop.callSoon(chain, 0);
      return 'r';
    }
    await expect(run(main())).resolves.toBe('r');
    expect(log).toEqual([0, 1, 2, 3, 4]);
  });

  test('a leftover task failing while cancelled is reported to the exception handler', async () => {
    const handler = vi.fn();
    function* stubborn(): Coro<void> {
      try {
        yield* sleep(10_000);
      } catch {
        throw new Error('failed on the way out');
      }
    }
    function* main(): Coro<void> {
      getRunningLoop().setExceptionHandler(handler);
      createTask(stubborn(), { name: 'stubborn' });
      yield;
    }
    await run(main(), { clock: new TestClock() });
    expect(handler).toHaveBeenCalledTimes(1);
    const ctx = handler.mock.calls[0]?.[1];
    expect(ctx.message).toBe('unhandled exception during run() shutdown');
    expect(ctx.exception.message).toBe('failed on the way out');
    expect(ctx.task.getName()).toBe('stubborn');
  });

  test('a leftover task that ignores cancellation and finishes is not reported', async () => {
    const handler = vi.fn();
    function* stubborn(): Coro<string> {
      try {
        yield* sleep(10_000);
      } catch {
        return 'ignored';
      }
      return 'slept';
    }
    function* main(): Coro<void> {
      getRunningLoop().setExceptionHandler(handler);
      createTask(stubborn());
      yield;
    }
    await run(main(), { clock: new TestClock() });
    expect(handler).not.toHaveBeenCalled();
  });

  test('passes the debug option to the loop', async () => {
    const debug = await run(
      (function* () {
        return getRunningLoop().getDebug();
      })(),
      { debug: true },
    );
    expect(debug).toBe(true);
  });
});

describe('runSync', () => {
  test('returns the result of main synchronously on a clock that moves itself', () => {
    function* main(): Coro<string> {
      yield* sleep(60_000);
      return `done at ${getRunningLoop().time()}`;
    }
    expect(runSync(main(), { clock: new TestClock() })).toBe('done at 60000');
  });

  test('throws the error of main', () => {
    function* main(): Coro<void> {
      yield;
      throw new RangeError('sync failure');
    }
    expect(() => runSync(main())).toThrow(new RangeError('sync failure'));
  });

  test('rejects a non-generator with a hint, and being called inside a running loop', () => {
    function* main(): Coro<void> {}
    expect(() => runSync(main as never)).toThrow(TypeError);
    expect(() => runSync(main as never)).toThrow(
      'runSync(): main must be a coroutine (generator object), got function main — call it: main()',
    );
    const msg = runSync(
      (function* () {
        try {
          runSync(main());
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      })(),
    );
    expect(msg).toBe(
      'runSync() cannot be called from a running event loop: inside a coroutine use yield* or createTask()',
    );
  });

  test('cancels leftover tasks (their finally blocks run) and closes the loop', () => {
    const log: string[] = [];
    let loop: EventLoop | undefined;
    function* leftover(): Coro<void> {
      try {
        yield* sleep(100);
      } finally {
        log.push('leftover finally');
      }
    }
    function* main(): Coro<number> {
      loop = getRunningLoop();
      createTask(leftover());
      createTask(
        (function* (): Coro<void> {
          try {
            yield* sleep(100);
          } catch {
            throw new Error('bad exit');
          }
        })(),
      );
      getRunningLoop().setExceptionHandler(() => log.push('reported'));
      yield;
      return 7;
    }
    expect(runSync(main(), { clock: new TestClock() })).toBe(7);
    expect(log).toEqual(['leftover finally', 'reported']);
    expect(loop?.isClosed()).toBe(true);
  });

  test('a wrapped promise cannot settle under runSync: says why, and what to use instead', () => {
    let e: Error | undefined;
    let sleeperDone = false;
    try {
      runSync(
        (function* () {
          createTask(
            (function* (): Coro<void> {
              yield* sleep(10);
              sleeperDone = true;
            })(),
            { name: 'sleeper' },
          );
          yield* wrapPromise(new Promise(() => {}));
        })(),
        { clock: new TestClock() },
      );
    } catch (x) {
      e = x as Error;
    }
    // Time still moved for the sleeper: the promise does not hold a runSync clock.
    expect(sleeperDone).toBe(true);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(DeadlockError);
    expect(e?.message).toMatch(
      /^runSync\(\): the loop cannot go on: 1 wrapped native promise is pending, and no promise can settle while runSync holds the host \(one that depends on this loop, such as toPromise\(task\) or an Observable of a task, never can\): await the task itself \(yield\* task\), use fromObservable, or use run\(\) instead of runSync\(\)\.\nPending tasks:\n {2}Task-\d+: waiting on a wrapped native promise$/,
    );
  });

  test('a deadlock throws DeadlockError naming every pending task, what it waits on, and the cycles', () => {
    let e: DeadlockError | undefined;
    try {
      runSync(
        (function* (): Coro<void> {
          const lock = new Lock();
          const tasks: Record<string, Task<unknown>> = {};
          tasks.a = createTask(
            (function* (): Coro<void> {
              yield* lock.acquire();
              yield;
              yield* tasks.b as Task<unknown>;
            })(),
            { name: 'a' },
          );
          tasks.b = createTask(
            (function* (): Coro<void> {
              yield;
              yield* lock.acquire();
            })(),
            { name: 'b' },
          );
          yield* getRunningLoop().createFuture();
        })(),
        { clock: new TestClock() },
      );
    } catch (x) {
      e = x as DeadlockError;
    }
    expect(e).toBeInstanceOf(DeadlockError);
    expect(e?.tasks.map((t) => t.getName())).toEqual([
      expect.stringMatching(/^Task-\d+$/),
      'a',
      'b',
    ]);
    expect(e?.message.replace(/Task-\d+/, 'Task-N')).toBe(
      'runSync(): deadlock: no task can make progress — no callback is ready, no timer is due that the clock will reach, and the host has no work left.\n' +
        'Pending tasks:\n' +
        '  Task-N: waiting on future <Future pending>\n' +
        "  a: waiting on task 'b'\n" +
        "  b: waiting on Lock held by 'a'\n" +
        'Wait cycles:\n' +
        '  cycle: a → b → a',
    );
  });

  test('throws with the real clock and a pending timer, naming the clock', () => {
    let message = '';
    try {
      runSync(
        (function* () {
          yield* sleep(10);
        })(),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^runSync\(\): the loop cannot go on: the next timer is due at [\d.]+ ms and the clock cannot move time itself \(<RealClock>\): runSync needs a clock that does, such as @aio\/timers' VirtualClock with autojump on\.\nPending tasks:\n {2}Task-\d+: waiting on sleep until [\d.]+$/,
    );
  });

  test('names at most 20 waiting tasks', () => {
    let message = '';
    try {
      runSync(
        (function* () {
          for (let i = 0; i < 30; i++) createTask(sleep(10));
          yield* getRunningLoop().createFuture();
        })(),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines.at(-1)).toBe('  … and 11 more');
    expect(lines.filter((l) => l.includes(': waiting on '))).toHaveLength(20);
  });

  test('throws "Event loop stopped before Future completed." when main stops the loop', () => {
    expect(() =>
      runSync(
        (function* () {
          getRunningLoop().stop();
          yield* sleep(10);
        })(),
        { clock: new TestClock() },
      ),
    ).toThrow(new Error('Event loop stopped before Future completed.'));
  });
});
