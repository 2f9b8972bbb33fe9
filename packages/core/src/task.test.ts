import { afterEach, describe, expect, test, vi } from 'vitest';
import { errorOf, go, newLoop, ticks } from '../test/helpers';
import { TestClock, collectGarbage, wasCollected } from '@aio/test-utils';
import { ContextVar } from './contextvars';
import { EventLoop, Future } from './public';
import { CancelledError } from './exceptions';
import { gather } from './gather';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { Task } from './public';
import { allTasks, createTask, currentTask } from './taskFunctions';
import type { Coro } from './types';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Task creation', () => {
  test('rejects a non-generator, with a hint to call a generator function', () => {
    const loop = newLoop();
    function* main(): Coro<void> {}
    expect(() => loop.createTask(main as never)).toThrow(TypeError);
    expect(() => loop.createTask(main as never)).toThrow(
      'Task(): a coroutine (generator object) was expected, got function main — call it: main()',
    );
    expect(() => new Task(42 as never, { loop })).toThrow(
      'Task(): a coroutine (generator object) was expected, got 42',
    );
    expect(() => new Task(Promise.resolve() as never, { loop })).toThrow(TypeError);
    expect(() => new Task([() => {}][0] as never, { loop })).toThrow(
      'Task(): a coroutine (generator object) was expected, got function <anonymous> — call it: fn()',
    );
  });

  test('new Task without a loop outside a running loop throws', () => {
    function* main(): Coro<void> {}
    expect(() => new Task(main())).toThrow('no running event loop');
  });

  test('the first step is scheduled with callSoon: it runs after callbacks scheduled before it', () => {
    const log = go(function* () {
      const log: string[] = [];
      const loop = getRunningLoop();
      loop.callSoon(() => log.push('before'));
      createTask(
        (function* () {
          log.push('task body');
        })(),
      );
      loop.callSoon(() => log.push('after'));
      log.push('creator continues');
      yield* ticks(2);
      return log;
    });
    expect(log).toEqual(['creator continues', 'before', 'task body', 'after']);
  });

  test('names: Task-<n> by default, or the given name; setName renames', () => {
    go(function* () {
      const a = createTask(ticks());
      const b = createTask(ticks(), { name: 'worker' });
      expect(a.getName()).toMatch(/^Task-\d+$/);
      const n = Number(a.getName().slice(5));
      const c = createTask(ticks());
      expect(c.getName()).toBe(`Task-${n + 1}`);
      expect(b.getName()).toBe('worker');
      b.setName('renamed');
      expect(b.getName()).toBe('renamed');
      yield* gather(a, b, c);
    });
  });

  test('getCoro returns the coroutine, getContext the task context', () => {
    go(function* () {
      const coro = ticks();
      const t = createTask(coro);
      expect(t.getCoro()).toBe(coro);
      expect(t.getContext()).toBeDefined();
      yield* t;
    });
  });

  test('setResult and setException throw on a task', () => {
    go(function* () {
      const t = createTask(ticks());
      expect(() => t.setResult(undefined)).toThrow(
        'Task does not support setResult(): a task completes when its coroutine returns',
      );
      expect(() => t.setException(new Error())).toThrow(
        'Task does not support setException(): a task fails when its coroutine throws',
      );
      yield* t;
    });
  });

  test('toString shows the state, the name and what the task waits on', () => {
    go(function* () {
      const loop = getRunningLoop();
      const fut = loop.createFuture<number>();
      const t = createTask(
        (function* () {
          return yield* fut;
        })(),
        { name: 'w' },
      );
      expect(t.toString()).toBe("<Task pending name='w'>");
      yield;
      expect(t.toString()).toBe("<Task pending name='w' waiting=<Future pending>>");
      fut.setResult(3);
      yield* t;
      expect(t.toString()).toBe("<Task finished result=3 name='w'>");
      const c = createTask(ticks(), { name: 'c' });
      c.cancel();
      yield* errorOf(c);
      expect(c.toString()).toBe("<Task cancelled name='c'>");
    });
  });
});

describe('Task stepping', () => {
  test('resumes one iteration after the future it awaits completes', () => {
    // CPython 3.13: ['set', 'same iteration', 'resumed', 'soon after set']
    const log = go(function* () {
      const loop = getRunningLoop();
      const log: string[] = [];
      const f = loop.createFuture<number>();
      createTask(
        (function* () {
          yield* f;
          log.push('resumed');
        })(),
      );
      yield;
      loop.callSoon(() => {
        log.push('set');
        f.setResult(1);
        loop.callSoon(() => log.push('soon after set'));
      });
      loop.callSoon(() => log.push('same iteration'));
      yield* ticks(4);
      return log;
    });
    expect(log).toEqual(['set', 'same iteration', 'resumed', 'soon after set']);
  });

  test('a bare yield gives up control for exactly one iteration, like sleep(0)', () => {
    const log = go(function* () {
      const log: string[] = [];
      function* worker(name: string, useSleep: boolean): Coro<void> {
        for (let i = 0; i < 3; i++) {
          log.push(`${name}${i}`);
          if (useSleep) yield* sleep(0);
          else yield;
        }
      }
      yield* gather(worker('a', false), worker('b', true));
      return log;
    });
    expect(log).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
  });

  test('yield* task evaluates to its result or throws its error', () => {
    go(function* () {
      const ok = createTask(
        (function* () {
          yield;
          return 'value';
        })(),
      );
      expect(yield* ok).toBe('value');
      const bad = createTask(
        (function* (): Coro<void> {
          yield;
          throw new SyntaxError('bad');
        })(),
      );
      const e = yield* errorOf(bad);
      expect(e).toBeInstanceOf(SyntaxError);
      expect((e as Error).message).toBe('bad');
    });
  });

  test('a task finishing without suspending is done after its first step', () => {
    go(function* () {
      const t = createTask(
        (function* () {
          return 1;
        })(),
      );
      expect(t.done()).toBe(false);
      yield;
      expect(t.done()).toBe(true);
      expect(t.result()).toBe(1);
    });
  });
});

describe('bad yields', () => {
  test('a bare `yield fut` instead of `yield* fut` throws TypeError saying to use yield*', () => {
    const e = go(function* () {
      const fut = getRunningLoop().createFuture();
      const gen = (function* (): Coro<unknown> {
        try {
          // The compiler rejects this (a Future is not a Suspension); JavaScript does not.
          yield fut as never;
        } catch (err) {
          return err;
        }
        return 'no error';
      })();
      return yield* createTask(gen, { name: 'mistake' });
    });
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe(
      "yield was used instead of yield* in task <Task pending name='mistake'> with <Future pending>: " +
        'write `yield* fut` to await a future',
    );
  });

  test('yielding a coroutine throws TypeError saying to use yield*', () => {
    const e = go(function* () {
      const gen = (function* (): Coro<unknown> {
        try {
          yield ticks() as never;
        } catch (err) {
          return err;
        }
        return 'no error';
      })();
      return yield* createTask(gen, { name: 'm' });
    });
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe(
      "yield was used instead of yield* for a coroutine in task <Task pending name='m'>: " +
        'write `yield* coro` to run a coroutine',
    );
  });

  test('yielding any other value throws TypeError naming it', () => {
    const messages = go(function* () {
      const out: string[] = [];
      for (const v of [42, 'str', null, Promise.resolve(1), { a: 1 }]) {
        const e = yield* createTask(
          (function* (): Coro<unknown> {
            try {
              yield v as never;
            } catch (err) {
              return err;
            }
            return 'no error';
          })(),
        );
        expect(e).toBeInstanceOf(TypeError);
        out.push((e as Error).message.split(' (')[0] as string);
      }
      return out;
    });
    expect(messages).toEqual([
      'Task got bad yield: 42',
      "Task got bad yield: 'str'",
      'Task got bad yield: null',
      'Task got bad yield: [object Promise]',
      'Task got bad yield: Object {…}',
    ]);
  });

  test('the bad-yield message says what a coroutine may yield', () => {
    const e = go(function* () {
      return yield* createTask(
        (function* (): Coro<unknown> {
          try {
            yield 1 as never;
          } catch (err) {
            return err;
          }
          return 'no error';
        })(),
      );
    });
    expect((e as Error).message).toBe(
      'Task got bad yield: 1 (a coroutine may only yield* futures, tasks and coroutines, ' +
        'or yield nothing to give up control for one iteration)',
    );
  });

  test('a task awaiting itself gets a TypeError', () => {
    const e = go(function* () {
      const holder: { t?: Task<unknown> } = {};
      holder.t = createTask(
        (function* (): Coro<unknown> {
          yield;
          try {
            yield* holder.t as Task<unknown>;
          } catch (err) {
            return err;
          }
          return 'no error';
        })(),
        { name: 'self' },
      );
      return yield* holder.t;
    });
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe("Task cannot await on itself: <Task pending name='self'>");
  });

  test('an uncaught bad yield fails the task with the TypeError', () => {
    const e = go(function* () {
      return yield* errorOf(
        createTask(
          (function* (): Coro<void> {
            yield 5 as never;
          })(),
        ),
      );
    });
    expect(e).toBeInstanceOf(TypeError);
  });
});

describe('cancellation', () => {
  test('delivers CancelledError with the message at the yield* where the task waits', () => {
    const out = go(function* () {
      const log: string[] = [];
      const t = createTask(
        (function* () {
          try {
            yield* sleep(1000);
          } catch (e) {
            log.push(`${(e as Error).name}:${(e as Error).message}`);
            throw e;
          }
        })(),
      );
      yield;
      expect(t.cancel('stop now')).toBe(true);
      const e = yield* errorOf(t);
      log.push(`awaiter got ${(e as Error).name}:${(e as Error).message}`);
      expect(t.cancelled()).toBe(true);
      return log;
    });
    expect(out).toEqual(['CancelledError:stop now', 'awaiter got CancelledError:stop now']);
  });

  test('cancels the future the task waits on', () => {
    go(function* () {
      const fut = getRunningLoop().createFuture();
      const t = createTask(
        (function* () {
          yield* fut;
        })(),
      );
      yield;
      t.cancel();
      expect(fut.cancelled()).toBe(true);
      yield* errorOf(t);
    });
  });

  test('cancelling a task that awaits another task cancels the inner one too', () => {
    go(function* () {
      const inner = createTask(sleep(1000));
      const outer = createTask(
        (function* () {
          yield* inner;
        })(),
      );
      yield;
      outer.cancel();
      yield* errorOf(outer);
      expect(inner.cancelled()).toBe(true);
      expect(outer.cancelled()).toBe(true);
    });
  });

  test('a task that catches the cancellation and carries on finishes normally', () => {
    const out = go(function* () {
      const t = createTask(
        (function* () {
          try {
            yield* sleep(1000);
          } catch {
            yield;
            return 'recovered';
          }
          return 'slept';
        })(),
      );
      yield;
      t.cancel();
      t.cancel();
      const counts = [t.cancelling()];
      const r = yield* t;
      counts.push(t.cancelling());
      return [r, t.cancelled(), counts];
    });
    // CPython 3.13: recovered False, cancelling() 2 before and after.
    expect(out).toEqual(['recovered', false, [2, 2]]);
  });

  test('uncancel() decrements the count; at zero a cancellation not yet delivered is withdrawn', () => {
    const out = go(function* () {
      const log: string[] = [];
      const t = createTask(
        (function* () {
          log.push('step 1');
          yield;
          log.push('step 2');
          return 'done';
        })(),
      );
      yield;
      // The task is ready (not waiting on a future): cancel() only marks it.
      expect(t.cancel()).toBe(true);
      expect(t.cancelling()).toBe(1);
      expect(t.uncancel()).toBe(0);
      expect(t.uncancel()).toBe(0);
      const r = yield* t;
      return [r, log];
    });
    expect(out).toEqual(['done', ['step 1', 'step 2']]);
  });

  test('a task cancelled before its first step never runs any of its body', () => {
    // CPython 3.13: the body never runs, not even its finally block.
    const out = go(function* () {
      const log: string[] = [];
      const t = createTask(
        (function* () {
          log.push('body ran');
          try {
            yield;
          } finally {
            log.push('finally');
          }
        })(),
      );
      expect(t.cancel('early')).toBe(true);
      const e = yield* errorOf(t);
      return [log, (e as Error).message, t.cancelled()];
    });
    expect(out).toEqual([[], 'early', true]);
  });

  test('cancel() is false on a done task', () => {
    go(function* () {
      const t = createTask(ticks());
      yield* t;
      expect(t.cancel()).toBe(false);
      expect(t.cancelling()).toBe(0);
    });
  });

  test('a task cancelling itself and then returning ends cancelled', () => {
    // CPython 3.13: cancelled, with the message.
    const out = go(function* () {
      const t = createTask(
        (function* () {
          (currentTask() as Task<unknown>).cancel('me');
          return 1;
        })(),
      );
      const e = yield* errorOf(t);
      return [(e as Error).message, t.cancelled()];
    });
    expect(out).toEqual(['me', true]);
  });

  test('a task cancelled while waking up gets the CancelledError at its next yield*', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const fut = loop.createFuture<number>();
      const log: string[] = [];
      const t = createTask(
        (function* () {
          const v = yield* fut;
          log.push(`got ${v}`);
          try {
            yield* sleep(10);
          } catch (e) {
            log.push(`then ${(e as Error).name}`);
            throw e;
          }
        })(),
      );
      yield;
      fut.setResult(1);
      // The wake-up is scheduled; the future is done, so cancel() marks the task.
      t.cancel();
      yield* errorOf(t);
      return log;
    });
    // The CancelledError is thrown at the yield* that was already resuming.
    expect(out).toEqual([]);
  });

  test('the cancel message of a task waiting on a task reaches the first awaiter of each', () => {
    const out = go(function* () {
      const inner = createTask(sleep(100));
      const outer = createTask(
        (function* () {
          return yield* inner;
        })(),
      );
      yield;
      outer.cancel('bye');
      const e = yield* errorOf(outer);
      const ie = yield* errorOf(inner);
      return [(e as Error).message, (ie as Error).message];
    });
    // CPython 3.13: outer ('bye',), inner () — the inner task's own CancelledError is
    // handed to the first awaiter only; later ones get a fresh one without the message.
    expect(out).toEqual(['bye', '']);
  });
});

describe('eager start', () => {
  test('runs synchronously up to the first suspension when the loop is running', () => {
    const out = go(function* () {
      const log: string[] = [];
      const t = createTask(
        (function* () {
          log.push('eager part');
          yield;
          log.push('rest');
          return 'r';
        })(),
        { eagerStart: true },
      );
      log.push('after createTask');
      expect(allTasks().has(t as Task<unknown>)).toBe(true);
      log.push(yield* t);
      return log;
    });
    expect(out).toEqual(['eager part', 'after createTask', 'rest', 'r']);
  });

  test('an eager task that finishes without suspending is done at once and not pending', () => {
    go(function* () {
      let inside: Task<unknown> | undefined;
      const t = createTask(
        (function* () {
          inside = currentTask();
          return 5;
        })(),
        { eagerStart: true },
      );
      expect(t.done()).toBe(true);
      expect(t.result()).toBe(5);
      expect(inside).toBe(t);
      expect(allTasks().has(t as Task<unknown>)).toBe(false);
      // The creator is the current task again.
      expect(currentTask()).not.toBe(t);
      yield;
    });
  });

  test('an eager task failing at once is failed', () => {
    go(function* () {
      const t = createTask(
        (function* (): Coro<void> {
          throw new Error('eager fail');
        })(),
        { eagerStart: true },
      );
      expect(t.done()).toBe(true);
      expect((t.exception() as Error).message).toBe('eager fail');
      yield;
    });
  });

  test('eagerStart on a loop that is not running schedules the first step as usual', async () => {
    const loop = newLoop();
    const log: string[] = [];
    const t = loop.createTask(
      (function* () {
        log.push('body');
      })(),
      { eagerStart: true },
    );
    expect(log).toEqual([]);
    await loop.runUntilComplete(t);
    expect(log).toEqual(['body']);
  });
});

describe('currentTask / allTasks', () => {
  test('currentTask is the running task, undefined in a plain callback', () => {
    const out = go(function* () {
      const me = currentTask();
      const loop = getRunningLoop();
      let inCallback: unknown = 'unset';
      loop.callSoon(() => {
        inCallback = currentTask();
      });
      yield;
      return [me instanceof Task, inCallback];
    });
    expect(out).toEqual([true, undefined]);
  });

  test('allTasks holds the pending tasks only', () => {
    go(function* () {
      const me = currentTask() as Task<unknown>;
      const a = createTask(sleep(10)) as Task<unknown>;
      const b = createTask(ticks()) as Task<unknown>;
      expect(allTasks()).toEqual(new Set([me, a, b]));
      yield* b;
      expect(allTasks()).toEqual(new Set([me, a]));
      yield* a;
      expect(allTasks()).toEqual(new Set([me]));
    });
  });

  test('currentTask and allTasks take an explicit loop, and throw outside a loop without one', () => {
    const loop = newLoop();
    expect(currentTask(loop)).toBeUndefined();
    const t = loop.createTask(ticks());
    expect(allTasks(loop)).toEqual(new Set([t]));
    expect(() => currentTask()).toThrow('no running event loop');
    expect(() => allTasks()).toThrow('no running event loop');
    t.cancel();
  });
});

describe('context variables per task', () => {
  test('each task runs in a copy of the context current when it was created', () => {
    const v = new ContextVar<string>('v', { default: 'none' });
    const out = go(function* () {
      const log: string[] = [];
      v.set('parent');
      function* child(name: string): Coro<void> {
        log.push(`${name} sees ${v.get()}`);
        v.set(name);
        yield;
        log.push(`${name} keeps ${v.get()}`);
      }
      const a = createTask(child('a'));
      v.set('parent2');
      const b = createTask(child('b'));
      yield* gather(a, b);
      log.push(`parent keeps ${v.get()}`);
      return log;
    });
    expect(out).toEqual([
      'a sees parent',
      'b sees parent2',
      'a keeps a',
      'b keeps b',
      'parent keeps parent2',
    ]);
    expect(v.get()).toBe('none');
  });
});

describe('exceptions never retrieved', () => {
  const gc = (globalThis as { gc?: () => void }).gc as () => void;

  async function collect(): Promise<void> {
    for (let i = 0; i < 6; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  async function lostTask(loop: EventLoop, error: () => unknown): Promise<void> {
    await loop.runUntilComplete(
      (function* (): Coro<void> {
        createTask(
          (function* (): Coro<void> {
            yield;
            throw error();
          })(),
          { name: 'lost' },
        );
        yield* ticks(3);
      })(),
    );
  }

  test('"Task exception was never retrieved" is reported when the task is garbage-collected', async () => {
    const loop = newLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    await lostTask(loop, () => new Error('nobody looked'));
    await collect();
    expect(handler).toHaveBeenCalledTimes(1);
    const ctx = handler.mock.calls[0]?.[1];
    expect(ctx.message).toBe('Task exception was never retrieved');
    expect(ctx.exception.message).toBe('nobody looked');
  });

  test('is reported for a thrown non-Error value too', async () => {
    const loop = newLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    await lostTask(loop, () => 'a plain string');
    await collect();
    expect(handler).toHaveBeenCalledTimes(1);
    const ctx = handler.mock.calls[0]?.[1];
    expect(ctx.message).toBe('Task exception was never retrieved');
    expect(ctx.exception).toBe('a plain string');
  });

  test('is not reported when the exception was retrieved', async () => {
    const loop = newLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    const refs: WeakRef<object>[] = [];
    await loop.runUntilComplete(
      (function* (): Coro<void> {
        const t = createTask(
          (function* (): Coro<void> {
            yield;
            // Not an Error: nothing but the task's own state can keep it alive.
            throw 'seen';
          })(),
        );
        refs.push(new WeakRef(t));
        yield* errorOf(t);
        const u = createTask(
          (function* (): Coro<void> {
            throw 'seen too';
          })(),
        );
        refs.push(new WeakRef(u));
        yield* ticks(2);
        u.exception();
        // A cancelled task has nothing to report.
        const c = createTask(sleep(10));
        refs.push(new WeakRef(c));
        c.cancel();
        yield* ticks(2);
      })(),
    );
    // Proof that there was something to report: every task is gone.
    const alive: number[] = [];
    for (const [i, ref] of refs.entries()) if (!(await wasCollected(ref))) alive.push(i);
    expect(alive).toEqual([]);
    await collect();
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('scale', () => {
  test('cancelling 100 000 pending tasks completes without stack overflow', async () => {
    const n = 100_000;
    const out = await run(
      (function* () {
        const tasks: Task<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(createTask(sleep(1000)));
        yield;
        for (const t of tasks) t.cancel();
        const results = yield* gather(tasks, { returnExceptions: true });
        let cancelled = 0;
        for (const r of results) if (r instanceof CancelledError) cancelled++;
        return cancelled;
      })(),
      { clock: new TestClock() },
    );
    expect(out).toBe(n);
  });
});

describe('cancelling await chains', () => {
  test('a chain of 200 000 tasks awaiting each other cancels without overflowing the stack', () => {
    const n = 200_000;
    const out = go(function* () {
      const root = new Future<void>();
      let prev: Task<unknown> | undefined;
      const tasks: Task<unknown>[] = [];
      for (let i = 0; i < n; i++) {
        const before = prev;
        prev = createTask(
          (function* (): Coro<void> {
            if (before === undefined) yield* root;
            else yield* before;
          })(),
        );
        tasks.push(prev);
      }
      yield* ticks(2);
      const top = prev as Task<unknown>;
      top.cancel('down the chain');
      const e = (yield* errorOf(top)) as Error;
      return [e.message, root.cancelled(), tasks.every((t) => t.cancelled()), top.cancelling()];
    });
    expect(out).toEqual(['down the chain', true, true, 1]);
  });

  test('cancelling a task in an await cycle wakes the task that closes the cycle', () => {
    const out = go(function* () {
      const log: string[] = [];
      const tasks: Record<string, Task<unknown>> = {};
      const awaitOther = (me: string, other: string): Coro<void> =>
        (function* (): Coro<void> {
          yield;
          try {
            yield* tasks[other] as Task<unknown>;
          } catch (e) {
            log.push(`${me}: ${(e as Error).name} ${(e as Error).message}`);
            throw e;
          }
        })();
      tasks.a = createTask(awaitOther('a', 'b'), { name: 'a' });
      tasks.b = createTask(awaitOther('b', 'a'), { name: 'b' });
      yield* ticks(2);
      tasks.a.cancel('break it');
      yield* errorOf(tasks.a);
      return [
        log,
        tasks.a.cancelled(),
        tasks.b.cancelled(),
        tasks.a.cancelling(),
        tasks.b.cancelling(),
      ];
    });
    // b closed the cycle (a → b → a): b wakes with the CancelledError, then a gets b's.
    expect(out).toEqual([
      ['b: CancelledError break it', 'a: CancelledError break it'],
      true,
      true,
      1,
      1,
    ]);
  });
});

describe('an exception never retrieved, reported at the latest when the loop closes', () => {
  function* failing(): Coro<void> {
    yield;
    throw new Error('background failure');
  }

  test('run(): a failed background task is reported at the end of the run, not only at GC', async () => {
    const reports: string[] = [];
    const loops: EventLoop[] = [];
    const result = await run(
      (function* (): Coro<string> {
        const loop = getRunningLoop();
        loops.push(loop);
        loop.setExceptionHandler((_l, ctx) => {
          reports.push(`${ctx.message}: ${(ctx.exception as Error).message}`);
        });
        createTask(failing(), { name: 'bg' });
        yield* sleep(100);
        return 'ok';
      })(),
      { clock: new TestClock() },
    );
    expect(result).toBe('ok');
    expect(reports).toEqual(['Task exception was never retrieved: background failure']);
    expect(loops[0]?.isClosed()).toBe(true);
  });

  test('runSync() and loop.close() report too; a retrieved or cancelled one is not reported', () => {
    const reports: string[] = [];
    const loop = new EventLoop({ clock: new TestClock() });
    loop.setExceptionHandler((_l, ctx) => reports.push(ctx.message));
    const lost = loop.createFuture();
    lost.setException(new Error('lost'));
    const seen = loop.createFuture();
    seen.setException(new Error('seen'));
    seen.exception();
    const dropped = loop.createFuture();
    dropped.setException(new Error('dropped on purpose'));
    dropped.cancel(); // returns false, but says: do not report it (as asyncio)
    expect(reports).toEqual([]);
    loop.close();
    expect(reports).toEqual(['Future exception was never retrieved']);
    loop.close(); // twice: nothing more
    expect(reports).toHaveLength(1);
  });

  test('an exception handler that closes over the failed task does not keep it from being reported', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await (async () => {
        const loop = new EventLoop({ clock: new TestClock() });
        let task: Task<unknown> | undefined;
        // The handler holds the task: loop → handler → task → loop, a cycle.
        loop.setExceptionHandler(() => {
          void task;
        });
        task = loop.createTask(failing());
        await loop.runUntilComplete(sleep(1));
        // The loop is never closed: only collection can report it.
      })();
      await collectGarbage(6);
      const lines = printed.mock.calls.map((c) => String(c[0]));
      expect(lines.filter((l) => l.startsWith('Task exception was never retrieved'))).toHaveLength(
        1,
      );
    } finally {
      printed.mockRestore();
    }
  });
});
