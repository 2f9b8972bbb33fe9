import { describe, expect, test } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { EventLoop } from './public';
import { runSync } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { Task } from './public';
import { allTasks, createTask, currentTask, eagerTaskFactory } from './taskFunctions';
import type { Coro } from './types';

describe('createTask', () => {
  test('wraps a coroutine in a task on the running loop, with options', () => {
    const out = runSync(
      (function* () {
        const t = createTask(sleep(5, 'x'), { name: 'named' });
        expect(t).toBeInstanceOf(Task);
        expect(t.getLoop()).toBe(getRunningLoop());
        return [t.getName(), yield* t];
      })(),
      { clock: new TestClock() },
    );
    expect(out).toEqual(['named', 'x']);
  });

  test('rejects a non-generator, hinting to call a generator function', () => {
    function* worker(): Coro<void> {}
    const msg = runSync(
      (function* () {
        try {
          createTask(worker as never);
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message}`;
        }
        return 'no error';
      })(),
    );
    expect(msg).toBe(
      'TypeError: Task(): a coroutine (generator object) was expected, got function worker — call it: worker()',
    );
  });

  test('throws outside a running loop', () => {
    function* worker(): Coro<void> {}
    expect(() => createTask(worker())).toThrow('no running event loop');
  });
});

describe('currentTask / allTasks', () => {
  test('currentTask() is the task running now; allTasks() the pending ones', () => {
    const out = runSync(
      (function* () {
        const me = currentTask();
        const other = createTask(sleep(1));
        const all = allTasks();
        yield* other;
        return [me instanceof Task, all.size, all.has(me as Task<unknown>), allTasks().size];
      })(),
      { clock: new TestClock() },
    );
    expect(out).toEqual([true, 2, true, 1]);
  });

  test('allTasks returns a new Set each time', () => {
    runSync(
      (function* () {
        const a = allTasks();
        a.clear();
        expect(allTasks().size).toBe(1);
        yield;
      })(),
    );
  });

  test('allTasks keeps creation order while thousands of tasks finish in any order', () => {
    const out = runSync(
      (function* () {
        const me = currentTask() as Task<unknown>;
        let x = 7;
        const rand = () => {
          x = (x * 1103515245 + 12345) % 2147483648;
          return x / 2147483648;
        };
        const all: Task<unknown>[] = [];
        const spawn = (n: number) => {
          for (let i = 0; i < n; i++) all.push(createTask(sleep(Math.floor(rand() * 500))));
        };
        const mismatches: number[] = [];
        const check = () => {
          const want = [me, ...all.filter((t) => !t.done())];
          const got = [...allTasks()];
          if (got.length !== want.length || got.some((t, i) => t !== want[i])) {
            mismatches.push(getRunningLoop().time());
          }
        };
        spawn(5000);
        for (let step = 0; step < 12; step++) {
          yield* sleep(50);
          check();
          if (step % 4 === 0) spawn(1500); // new tasks come after the survivors
        }
        yield* sleep(1000);
        check();
        return [mismatches, allTasks().size];
      })(),
      { clock: new TestClock() },
    );
    expect(out).toEqual([[], 1]);
  });
});

describe('eagerTaskFactory', () => {
  test('makes tasks that start synchronously in createTask', () => {
    const log = runSync(
      (function* () {
        getRunningLoop().setTaskFactory(eagerTaskFactory);
        const log: string[] = [];
        const t = createTask(
          (function* () {
            log.push('started');
            yield;
            log.push('resumed');
          })(),
          { name: 'eager' },
        );
        log.push(`created ${t.getName()}`);
        yield* t;
        return log;
      })(),
    );
    expect(log).toEqual(['started', 'created eager', 'resumed']);
  });

  test('outside a running loop the task starts on the first iteration', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const log: string[] = [];
    const t = eagerTaskFactory(
      loop,
      (function* () {
        log.push('ran');
      })(),
    );
    expect(log).toEqual([]);
    await loop.runUntilComplete(t);
    expect(log).toEqual(['ran']);
    loop.close();
  });
});
