import {
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  gather,
  getRunningLoop,
  isCancelledError,
  Lock,
  Queue,
  run,
  sleep,
  type Task,
} from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it } from 'vitest';
import { dumpTasks, formatTasks, formatTaskTree, trackTasks } from './index';

/** Runs `setup` in a task named main (with a tracker unless `track` is false). */
async function runMain(setup: () => Coro<void>, track = true): Promise<void> {
  await run(
    (function* (): Coro<void> {
      currentTask()?.setName('main');
      yield* setup();
    })(),
    { clock: new TestClock(), instruments: track ? [trackTasks()] : [] },
  );
}

/** A task named `probe` that runs `fn` at its first step. */
function probe(fn: () => void): Task<void> {
  return createTask(
    (function* (): Coro<void> {
      fn();
    })(),
    { name: 'probe' },
  );
}

describe('formatTasks (ps)', () => {
  it('lists every pending task with its wait, awaiters, parent, age and steps', async () => {
    let table = '';
    const lock = new Lock();
    const queue = new Queue<number>(3);
    await runMain(function* () {
      const writer = createTask(
        (function* (): Coro<void> {
          yield* lock.acquire();
          yield* sleep(1500);
          lock.release();
        })(),
        { name: 'writer' },
      );
      yield* sleep(10);
      const reader = createTask(
        (function* (): Coro<void> {
          yield* lock.acquire();
          lock.release();
        })(),
        { name: 'reader' },
      );
      const getter = createTask(queue.get(), { name: 'getter' });
      const p = probe(() => {
        table = formatTasks();
        queue.putNowait(1);
      });
      yield* gather(writer, reader, getter);
      yield* p;
    });
    expect(table).toBe(
      [
        'id  name    state    waiting on                                 awaited by  parent   age (ms)  steps',
        '--  ------  -------  -----------------------------------------  ----------  -------  --------  -----',
        '1   main    waiting  gather of 3 (3 pending)                    -           -        10        2',
        '2   writer  waiting  sleep until 1500                           main #1     main #1  10        1',
        "3   reader  waiting  Lock held by 'writer'                      main #1     main #1  0         1",
        '4   getter  waiting  Queue.get on <Queue maxsize=3 getters[1]>  main #1     main #1  0         1',
        '5   probe   running  running                                    -           main #1  0         1',
      ].join('\n'),
    );
  });

  it("shows what is unknown as '?' when the tracker came late, and '-' for a task made by a callback", async () => {
    let first = '';
    let later = '';
    await runMain(function* () {
      const early = createTask(sleep(100), { name: 'early' });
      yield* sleep(1);
      first = formatTasks(); // installs the tracker now
      const late = createTask(sleep(100), { name: 'late' });
      getRunningLoop().callSoon(() => {
        createTask(sleep(50), { name: 'orphan' });
      });
      yield* sleep(5);
      later = formatTasks();
      yield* gather(early, late);
    }, false);
    expect(first.split('\n').slice(2)).toEqual([
      '1   main   running  running          -           ?       ?         ?',
      '2   early  waiting  sleep until 100  -           ?       ?         ?',
    ]);
    expect(later.split('\n').slice(2)).toEqual([
      '1   main    running  running          -           ?        ?         ?',
      '2   early   waiting  sleep until 100  -           ?        ?         ?',
      '3   late    waiting  sleep until 101  -           main #1  5         1',
      '4   orphan  waiting  sleep until 51   -           -        5         1',
    ]);
  });

  it('marks a task that goes on after a cancel request as cancelling', async () => {
    let table = '';
    await runMain(function* () {
      const stubborn = createTask(
        (function* (): Coro<void> {
          try {
            yield* sleep(100);
          } catch (e) {
            if (!isCancelledError(e)) throw e;
            yield* sleep(10); // goes on: the request stays pending
          }
        })(),
        { name: 'stubborn' },
      );
      yield* sleep(1);
      stubborn.cancel();
      yield* sleep(1);
      table = formatTasks();
      yield* stubborn;
    });
    expect(table.split('\n')[3]).toMatch(
      /^2 {3}stubborn {2}waiting \(cancelling\) {2}sleep until 11 /,
    );
  });

  it('lists 200 000 tasks (no column measured by spreading it into arguments)', async () => {
    let table = '';
    await runMain(function* () {
      const tasks: Task<void>[] = [];
      for (let i = 0; i < 200_000; i++) tasks.push(createTask(sleep(5)));
      yield;
      table = formatTasks();
      yield* gather(tasks);
    });
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + 200_001); // header, rule, main and the sleepers
    expect(lines.at(-1)).toMatch(/^200001 +Task-\d+ +waiting +sleep until 5 +- +main #1 +0 +1$/);
  }, 60_000);

  it('gives rows that JSON can carry', async () => {
    let json = '';
    await runMain(function* () {
      const t = createTask(sleep(10), { name: 't' });
      yield* sleep(1);
      json = JSON.stringify(dumpTasks());
      yield* t;
    });
    expect(JSON.parse(json)).toEqual([
      {
        id: 1,
        name: 'main',
        state: 'running',
        cancelling: 0,
        waitingOn: 'running',
        waitKind: 'running',
        awaitedBy: [],
        parent: null,
        createdAt: 0,
        steps: 2,
      },
      {
        id: 2,
        name: 't',
        state: 'waiting',
        cancelling: 0,
        waitingOn: 'sleep until 10',
        waitKind: 'sleep',
        awaitedBy: [],
        parent: { id: 1, name: 'main' },
        createdAt: 0,
        steps: 1,
      },
    ]);
  });

  it('rejects a missing or bad loop with errors that say what was wrong', () => {
    expect(() => dumpTasks()).toThrow(
      'dumpTasks(): no event loop is running: call it from a coroutine or callback, or pass the loop',
    );
    expect(() => formatTasks({} as EventLoop)).toThrow(
      /^formatTasks\(\): an EventLoop was expected/,
    );
    expect(() => formatTaskTree(42 as never)).toThrow(
      'formatTaskTree(): an EventLoop was expected, got 42',
    );
  });

  it('reads a loop given explicitly, from outside it', () => {
    const loop = new EventLoop();
    loop.createTask(sleep(10), { name: 'idle' });
    expect(formatTasks(loop).split('\n')[2]).toBe(
      '1   idle  ready  ready to run  -           ?       ?         ?',
    );
    expect(formatTaskTree(loop)).toBe('└── (T) idle #1 · ready to run');
    loop.close();
  });
});

describe('formatTaskTree (pstree)', () => {
  it('draws the awaits from the roots down, with what each task waits on', async () => {
    let tree = '';
    await runMain(function* () {
      const a = createTask(sleep(100), { name: 'fetch-a' });
      const b = createTask(
        (function* (): Coro<void> {
          yield* createTask(sleep(300), { name: 'parse' });
        })(),
        { name: 'fetch-b' },
      );
      const p = probe(() => {
        tree = formatTaskTree();
      });
      yield* gather(a, b);
      yield* p;
    });
    expect(tree).toBe(
      [
        '└── (T) main #1 · gather of 2 (2 pending)',
        '    ├── (T) fetch-a #2 · sleep until 100',
        "    └── (T) fetch-b #3 · task 'parse'",
        '        └── (T) parse #5 · ready to run',
        '└── (T) probe #4 · running',
      ].join('\n'),
    );
  });

  it('prints a lock deadlock as a cycle, then the tree', async () => {
    let tree = '';
    const l1 = new Lock();
    const l2 = new Lock();
    function* both(first: Lock, second: Lock): Coro<void> {
      yield* first.acquire();
      yield* sleep(1);
      yield* second.acquire();
    }
    await runMain(function* () {
      const a = createTask(both(l1, l2), { name: 'a' });
      const b = createTask(both(l2, l1), { name: 'b' });
      yield* sleep(5);
      tree = formatTaskTree();
      a.cancel();
      b.cancel();
      yield* gather(a, b, { returnExceptions: true });
    });
    expect(tree).toBe(
      [
        'cycle: a → b → a',
        '',
        '└── (T) main #1 · running',
        "└── (T) a #2 · Lock held by 'b'",
        "└── (T) b #3 · Lock held by 'a'",
      ].join('\n'),
    );
  });

  it('draws an await cycle, which no root reaches, from the cycle', async () => {
    let tree = '';
    await runMain(function* () {
      const ref: { x?: Task<void>; y?: Task<void> } = {};
      ref.x = createTask(
        (function* (): Coro<void> {
          yield* sleep(1);
          yield* ref.y as Task<void>;
        })(),
        { name: 'x' },
      );
      ref.y = createTask(
        (function* (): Coro<void> {
          yield* sleep(1);
          yield* ref.x as Task<void>;
        })(),
        { name: 'y' },
      );
      yield* sleep(2);
      const p = probe(() => {
        tree = formatTaskTree();
      });
      yield* p;
      ref.x.cancel();
      yield* gather(ref.x, ref.y, { returnExceptions: true });
    });
    expect(tree).toBe(
      [
        'cycle: x → y → x',
        '',
        "└── (T) main #1 · task 'probe'",
        '    └── (T) probe #4 · running',
        "└── (T) x #2 · task 'y'",
        "    └── (T) y #3 · task 'x'",
        '        └── (T) x #2 ↺ cycle',
      ].join('\n'),
    );
  });

  it('shows a task awaited by two tasks once, and refers to it the second time', async () => {
    let tree = '';
    await runMain(function* () {
      const leaf = createTask(sleep(10), { name: 'leaf' });
      const p = createTask(
        (function* (): Coro<void> {
          yield* leaf;
        })(),
        { name: 'p' },
      );
      const q = createTask(
        (function* (): Coro<void> {
          yield* leaf;
        })(),
        { name: 'q' },
      );
      yield* sleep(1);
      tree = formatTaskTree();
      yield* gather(p, q);
    });
    expect(tree).toBe(
      [
        '└── (T) main #1 · running',
        "└── (T) p #3 · task 'leaf'",
        '    └── (T) leaf #2 · sleep until 10',
        "└── (T) q #4 · task 'leaf'",
        '    └── (T) leaf #2 (shown above)',
      ].join('\n'),
    );
  });

  it('draws a chain of 20 000 awaits without recursion, indenting at most 64 levels', async () => {
    let tree = '';
    await runMain(function* () {
      let prev: Task<unknown> = createTask(sleep(10), { name: 'leaf' });
      for (let i = 0; i < 20_000; i++) {
        const below = prev;
        prev = createTask(
          (function* (): Coro<unknown> {
            return yield* below;
          })(),
        );
      }
      yield* sleep(1);
      tree = formatTaskTree();
      yield* prev;
    });
    const lines = tree.split('\n');
    expect(lines).toHaveLength(20_002);
    expect(lines.at(-1)).toMatch(/^ {256}└── \(T\) leaf #2 · sleep until 10 \[depth 20000\]$/);
  });
});
