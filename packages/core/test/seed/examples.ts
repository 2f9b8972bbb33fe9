/**
 * The 19 programs of the seed article (their CPython twins are in `seed_cpython.py`),
 * ported to aio one for one. Each prints through `p(...)` like the Python original:
 * `[ 1.0s] ...`, the time read from the loop (seconds since the example started).
 */

import { Future } from '../../src/future';
import { gather } from '../../src/gather';
import { getRunningLoop } from '../../src/runningLoop';
import { sleep } from '../../src/sleep';
import { createTask } from '../../src/taskFunctions';
import type { Coro } from '../../src/types';
import { waitFor } from '../../src/waitFor';

/** `p(*a)`: prints with the elapsed time. */
export type Printer = (...a: unknown[]) => void;

/** One example: its title and a function making its main coroutine. */
export interface Example {
  name: string;
  main: (p: Printer, randint: (lo: number, hi: number) => number) => Coro<unknown>;
}

function* sayAfter(p: Printer, delay: number, what: string): Coro<void> {
  yield* sleep(delay);
  p(what);
}

function* sayAfterW(p: Printer, delay: number, what: string): Coro<void> {
  p(`waiting ${delay / 1000}s ...`);
  yield* sleep(delay);
  p(what);
}

function setFutureResult(p: Printer, future: Future<string>): void {
  p('Setting future result...');
  future.setResult('Hello, World!');
}

/** 2.2c creates its coroutine before the example runs ("lazy"): kept across calls. */
let lazyCoro: Coro<void> | undefined;

export const examples: Example[] = [
  { name: '2.2a run', main: (p) => sayAfter(p, 1000, 'Hello, World!') },
  {
    name: '2.2b await',
    main: function* (p) {
      yield* sayAfter(p, 1000, 'Hello, World!');
    },
  },
  {
    name: '2.2c lazy',
    main: () => {
      const coro = lazyCoro as Coro<void>;
      lazyCoro = undefined;
      return coro;
    },
  },
  {
    name: '2.3 sequential',
    main: function* (p) {
      yield* sayAfter(p, 1000, 'Hello');
      yield* sayAfter(p, 2000, 'World');
    },
  },
  {
    name: '2.4 return',
    main: function* () {
      function* return1(): Coro<number> {
        return 1;
      }
      return yield* return1();
    },
  },
  {
    name: '3.2 create_task',
    main: function* (p) {
      function* myCoroutine(): Coro<void> {
        yield* sleep(1000);
        p('Hello, World!');
      }
      const task = createTask(myCoroutine());
      yield* task;
    },
  },
  {
    name: '3.3 concurrent',
    main: function* (p) {
      const t1 = createTask(sayAfter(p, 1000, 'Hello'));
      const t2 = createTask(sayAfter(p, 2000, 'World'));
      yield* t1;
      yield* t2;
    },
  },
  {
    name: '3.3 gather tasks',
    main: function* (p) {
      const t1 = createTask(sayAfter(p, 1000, 'Hello'));
      const t2 = createTask(sayAfter(p, 2000, 'World'));
      p('gather ->', yield* gather(t1, t2));
    },
  },
  {
    name: '3.3 gather coros',
    main: function* (p) {
      p('gather ->', yield* gather(sayAfter(p, 1000, 'Hello'), sayAfter(p, 2000, 'World')));
    },
  },
  {
    name: '3.4a await only task1',
    main: function* (p) {
      const t1 = createTask(sayAfterW(p, 1000, 'Hello'));
      const t2 = createTask(sayAfterW(p, 2000, 'World'));
      t2.addDoneCallback((t) => p('task2 done, cancelled =', t.cancelled()));
      yield* t1;
    },
  },
  {
    name: '3.4b task2 shorter',
    main: function* (p) {
      const t1 = createTask(sayAfterW(p, 1000, 'Hello'));
      createTask(sayAfterW(p, 500, 'World'));
      yield* t1;
    },
  },
  {
    name: '3.4c no await no suspension',
    main: function* (p) {
      function* coro34c(): Coro<void> {
        p('Hello, World!');
      }
      createTask(coro34c());
    },
  },
  {
    name: '3.4d (seed claim check) task with await, never awaited',
    main: function* (p) {
      function* coro34d(): Coro<void> {
        p('before await');
        yield* sleep(0);
        p('after await');
      }
      createTask(coro34d());
    },
  },
  {
    name: '4.1a set then await',
    main: function* (p) {
      const future = new Future<string>();
      setFutureResult(p, future);
      yield* sleep(1000);
      p(yield* future);
    },
  },
  {
    name: '4.1b never set (with a 2s timeout so it ends)',
    main: function* (p) {
      const future = new Future<string>();
      p(yield* waitFor(future, 2000));
    },
  },
  {
    name: '4.1c call_later',
    main: function* (p) {
      const future = new Future<string>();
      getRunningLoop().callLater(1000, setFutureResult, p, future);
      p(yield* future);
    },
  },
  {
    name: '4.2a callbacks',
    main: function* (p) {
      const future = new Future<string>();
      future.addDoneCallback((f) => p('Callback1:', f.result()));
      future.addDoneCallback((f) => p('Callback2:', f.result()));
      future.setResult('Hello, World!');
    },
  },
  {
    name: '4.2b callback spawns task',
    main: function* (p) {
      function* coroutineFunc(): Coro<void> {
        p('Coroutine callback function is running.');
      }
      const callback = (_f: Future<string>): void => {
        p('Callback function is running.');
        getRunningLoop().createTask(coroutineFunc());
      };
      const future = new Future<string>();
      future.addDoneCallback(callback);
      future.setResult('Hello, World!');
    },
  },
  {
    name: '4.3 await many times',
    main: function* (p, randint) {
      const future = new Future<number>();
      future.setResult(randint(0, 100));
      const a: number[] = [];
      for (let i = 0; i < 4; i++) a.push(yield* future);
      p(a, new Set(a).size === 1);
    },
  },
];

/** Creates the 2.2c coroutine ahead of its run, as the Python module does at import. */
export function prepareLazy(p: Printer): void {
  lazyCoro = sayAfter(p, 1000, 'Hello, World!');
}
