/**
 * The 19 programs of the seed (`examples-cpython.py`), ported to aio one for one.
 *
 * Each reads like its Python original: `async def` is a generator function,
 * `await x` is `yield* x`, `asyncio.run` is `env.run` (aio's `run` on the tour's
 * clock), times are in ms. Where the seed's article claims something CPython does
 * not do, the program carries a one-line `note` (checked against CPython 3.11-3.13).
 *
 * @module
 */

import { type Coro, Future, createTask, gather, getRunningLoop, sleep, waitFor } from '@aio/core';

/**
 * What a tour program gets from the runner.
 *
 * @example
 * ```ts
 * env.p('Hello'); // '[ 1.0s] Hello'
 * ```
 */
export interface TourEnv {
  /** Prints a line stamped with the time since the program started (the seed's `p`). */
  p(...args: unknown[]): void;
  /** Runs `main` on a fresh loop with the tour's clock (the seed's `asyncio.run`). */
  run<T>(main: Coro<T>): Promise<T>;
  /** A random integer in `[lo, hi]` (Python's `random.randint`). */
  randint(lo: number, hi: number): number;
}

/**
 * One program of the tour.
 *
 * @example
 * ```ts
 * const prog: TourProgram = { name: '2.4 return', start: (env) => env.run(coro24()) };
 * ```
 */
export interface TourProgram {
  /** The heading, as in the seed (`== 2.2a run`). */
  readonly name: string;
  /** Where the article claims something CPython does not do: what CPython does. */
  readonly note?: string;
  /** Runs the program; a result other than `undefined` is printed (`result 1`). */
  start(): Promise<unknown>;
}

/**
 * The seed's programs, in order, printing through `env`.
 *
 * @example
 * ```ts
 * for (const prog of tourPrograms(env)) await prog.start();
 * ```
 */
export function tourPrograms(env: TourEnv): TourProgram[] {
  const { p } = env;

  function* sayAfter(delay: number, what: string): Coro<void> {
    yield* sleep(delay);
    p(what);
  }

  function* sayAfterW(delay: number, what: string): Coro<void> {
    p(`waiting ${delay / 1000}s ...`);
    yield* sleep(delay);
    p(what);
  }

  function setFutureResult(future: Future<string>): void {
    p('Setting future result...');
    future.setResult('Hello, World!');
  }

  return [
    {
      name: '2.2a run',
      start: () => env.run(sayAfter(1000, 'Hello, World!')),
    },
    {
      name: '2.2b await',
      note:
        'the article says awaiting a coroutine wraps it in a Task; CPython runs it inline ' +
        'in the awaiting task (no Task is created)',
      start: () =>
        env.run(
          (function* main22b(): Coro<void> {
            yield* sayAfter(1000, 'Hello, World!');
          })(),
        ),
    },
    {
      name: '2.2c lazy',
      start: () => {
        // The seed creates the coroutine object first and runs it later: nothing
        // runs until it is scheduled.
        const coro = sayAfter(1000, 'Hello, World!');
        return env.run(coro);
      },
    },
    {
      name: '2.3 sequential',
      start: () =>
        env.run(
          (function* main23(): Coro<void> {
            yield* sayAfter(1000, 'Hello');
            yield* sayAfter(2000, 'World');
          })(),
        ),
    },
    {
      name: '2.4 return',
      start: () => {
        function* return1(): Coro<number> {
          return 1;
        }
        function* coro24(): Coro<number> {
          return yield* return1();
        }
        return env.run(coro24());
      },
    },
    {
      name: '3.2 create_task',
      start: () => {
        function* myCoroutine(): Coro<void> {
          yield* sleep(1000);
          p('Hello, World!');
        }
        return env.run(
          (function* main32(): Coro<void> {
            const task = createTask(myCoroutine());
            yield* task;
          })(),
        );
      },
    },
    {
      name: '3.3 concurrent',
      note:
        'the article says the loop runs these concurrently after analysing that the tasks ' +
        'do not depend on each other; CPython does no such analysis, it runs ready tasks in FIFO order',
      start: () =>
        env.run(
          (function* main33(): Coro<void> {
            const t1 = createTask(sayAfter(1000, 'Hello'));
            const t2 = createTask(sayAfter(2000, 'World'));
            yield* t1;
            yield* t2;
          })(),
        ),
    },
    {
      name: '3.3 gather tasks',
      start: () =>
        env.run(
          (function* main33g(): Coro<void> {
            const t1 = createTask(sayAfter(1000, 'Hello'));
            const t2 = createTask(sayAfter(2000, 'World'));
            p('gather ->', yield* gather(t1, t2));
          })(),
        ),
    },
    {
      name: '3.3 gather coros',
      start: () =>
        env.run(
          (function* main33c(): Coro<void> {
            p('gather ->', yield* gather(sayAfter(1000, 'Hello'), sayAfter(2000, 'World')));
          })(),
        ),
    },
    {
      name: '3.4a await only task1',
      start: () =>
        env.run(
          (function* main34a(): Coro<void> {
            const t1 = createTask(sayAfterW(1000, 'Hello'));
            const t2 = createTask(sayAfterW(2000, 'World'));
            t2.addDoneCallback((t) => p('task2 done, cancelled =', t.cancelled()));
            yield* t1;
          })(),
        ),
    },
    {
      name: '3.4b task2 shorter',
      start: () =>
        env.run(
          (function* main34b(): Coro<void> {
            const t1 = createTask(sayAfterW(1000, 'Hello'));
            createTask(sayAfterW(500, 'World'));
            yield* t1;
          })(),
        ),
    },
    {
      name: '3.4c no await no suspension',
      start: () => {
        function* coro34c(): Coro<void> {
          p('Hello, World!');
        }
        return env.run(
          (function* main34c(): Coro<void> {
            createTask(coro34c());
          })(),
        );
      },
    },
    {
      name: '3.4d (seed claim check) task with await, never awaited',
      note:
        'the article says a task whose coroutine awaits never runs unless awaited; CPython runs ' +
        'it up to its first await, then asyncio.run() cancels it',
      start: () => {
        function* coro34d(): Coro<void> {
          p('before await');
          yield* sleep(0);
          p('after await');
        }
        return env.run(
          (function* main34d(): Coro<void> {
            createTask(coro34d());
          })(),
        );
      },
    },
    {
      name: '4.1a set then await',
      start: () =>
        env.run(
          (function* main41a(): Coro<void> {
            const future = new Future<string>();
            setFutureResult(future);
            yield* sleep(1000);
            p(yield* future);
          })(),
        ),
    },
    {
      name: '4.1b never set (with a 2s timeout so it ends)',
      start: () =>
        env.run(
          (function* main41b(): Coro<void> {
            const future = new Future<string>();
            p(yield* waitFor(future, 2000));
          })(),
        ),
    },
    {
      name: '4.1c call_later',
      start: () =>
        env.run(
          (function* main41c(): Coro<void> {
            const future = new Future<string>();
            getRunningLoop().callLater(1000, setFutureResult, future);
            p(yield* future);
          })(),
        ),
    },
    {
      name: '4.2a callbacks',
      note:
        'the article says awaiting a Future blocks the event loop; CPython suspends only the ' +
        'awaiting task, other tasks and callbacks keep running',
      start: () => {
        const callback1 = (f: Future<string>): void => p('Callback1:', f.result());
        const callback2 = (f: Future<string>): void => p('Callback2:', f.result());
        return env.run(
          (function* main42a(): Coro<void> {
            const future = new Future<string>();
            future.addDoneCallback(callback1);
            future.addDoneCallback(callback2);
            future.setResult('Hello, World!');
          })(),
        );
      },
    },
    {
      name: '4.2b callback spawns task',
      note:
        'the article has the task created in the callback run its coroutine; CPython cancels ' +
        'it before its first step, as asyncio.run() ends first',
      start: () => {
        function* coroutineFunc(): Coro<void> {
          p('Coroutine callback function is running.');
        }
        const callback = (): void => {
          p('Callback function is running.');
          getRunningLoop().createTask(coroutineFunc());
        };
        return env.run(
          (function* main42b(): Coro<void> {
            const future = new Future<string>();
            future.addDoneCallback(callback);
            future.setResult('Hello, World!');
          })(),
        );
      },
    },
    {
      name: '4.3 await many times',
      start: () => {
        const sfr = (f: Future<number>): void => f.setResult(env.randint(0, 100));
        return env.run(
          (function* main43(): Coro<void> {
            const future = new Future<number>();
            sfr(future);
            const a: number[] = [];
            for (let i = 0; i < 4; i++) a.push(yield* future);
            p(a, new Set(a).size === 1);
          })(),
        );
      },
    },
  ];
}
