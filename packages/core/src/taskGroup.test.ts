import { describe, expect, test, vi } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { EventLoop } from './public';
import { CancelledError, TaskGroupError } from './exceptions';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import type { Task } from './public';
import { createTask, currentTask } from './taskFunctions';
import { TaskGroup, taskGroup } from './taskGroup';
import type { Coro } from './types';

function* fail(ms: number, msg: string): Coro<never> {
  yield* sleep(ms);
  throw new Error(msg);
}

describe('taskGroup', () => {
  test('waits for every task created in it and returns the body result', () => {
    const out = go(function* () {
      const log: string[] = [];
      function* work(name: string, ms: number): Coro<string> {
        yield* sleep(ms);
        log.push(name);
        return name;
      }
      const [a, b] = yield* taskGroup(function* (tg) {
        const ta = tg.createTask(work('a', 20));
        const tb = tg.createTask(work('b', 10), { name: 'bee' });
        expect(tb.getName()).toBe('bee');
        return [ta, tb] as const;
      });
      log.push(`after group at ${getRunningLoop().time()}`);
      return [a.result(), b.result(), log];
    });
    expect(out).toEqual(['a', 'b', ['b', 'a', 'after group at 20']]);
  });

  test('the first failure cancels the siblings and the body; the group throws every failure', () => {
    // CPython 3.13: ['sib cancelled', 'body cancelled', "(ValueError('a'), ValueError('b'))"]
    const out = go(function* () {
      const log: string[] = [];
      function* sibling(): Coro<void> {
        try {
          yield* sleep(10_000);
        } catch (e) {
          log.push('sib cancelled');
          throw e;
        }
      }
      const e = yield* errorOf(
        taskGroup(function* (tg) {
          tg.createTask(fail(10, 'a'));
          tg.createTask(sibling());
          tg.createTask(fail(10, 'b'));
          try {
            yield* sleep(10_000);
          } catch (err) {
            log.push('body cancelled');
            throw err;
          }
        }),
      );
      expect(e).toBeInstanceOf(TaskGroupError);
      expect(e).toBeInstanceOf(AggregateError);
      expect((e as Error).message).toBe('unhandled errors in a TaskGroup (2 sub-exceptions)');
      log.push((e as AggregateError).errors.map((x: Error) => x.message).join(','));
      // The parent's cancel count is back to zero.
      log.push(`cancelling=${(currentTask() as Task<unknown>).cancelling()}`);
      return log;
    });
    expect(out).toEqual(['sib cancelled', 'body cancelled', 'a,b', 'cancelling=0']);
  });

  test('an error of the body is reported in the group error, after the tasks are cancelled', () => {
    const out = go(function* () {
      const log: string[] = [];
      const e = yield* errorOf(
        taskGroup(function* (tg) {
          const t = tg.createTask(sleep(100));
          yield;
          t.addDoneCallback((f) => log.push(`task cancelled=${f.cancelled()}`));
          throw new KeyboardLikeError('body');
        }),
      );
      expect(e).toBeInstanceOf(TaskGroupError);
      const errs = (e as AggregateError).errors;
      log.push(`${errs.length} ${errs[0].message}`);
      return log;
    });
    expect(out).toEqual(['task cancelled=true', '1 body']);
  });

  test('an external cancellation of the parent cancels the tasks and propagates', () => {
    // CPython 3.13: ext ('ext',) ['sib cancelled']
    const out = go(function* () {
      const log: string[] = [];
      function* sibling(): Coro<void> {
        try {
          yield* sleep(10_000);
        } catch (e) {
          log.push('sib cancelled');
          throw e;
        }
      }
      const parent = createTask(
        taskGroup(function* (tg) {
          tg.createTask(sibling());
          yield* sleep(10_000);
        }),
      );
      yield* sleep(10);
      parent.cancel('ext');
      const e = yield* errorOf(parent);
      return [e instanceof CancelledError, (e as Error).message, log];
    });
    expect(out).toEqual([true, 'ext', ['sib cancelled']]);
  });

  test('an external cancellation while the group waits for its tasks propagates', () => {
    const out = go(function* () {
      const log: string[] = [];
      const parent = createTask(
        taskGroup(function* (tg) {
          tg.createTask(
            (function* () {
              try {
                yield* sleep(10_000);
              } finally {
                log.push('child finally');
              }
            })(),
          );
        }),
      );
      yield* sleep(10);
      parent.cancel();
      const e = yield* errorOf(parent);
      return [e instanceof CancelledError, log, parent.cancelled()];
    });
    expect(out).toEqual([true, ['child finally'], true]);
  });

  test('group errors and an outside cancellation together: the group error is thrown, the cancellation stays pending', () => {
    // CPython 3.13: ["group error (ValueError('child failed on cancel'),) cancelling=1",
    //                'cancelled at next await', 'parent cancelled=True']
    const out = go(function* () {
      const log: string[] = [];
      function* child(): Coro<void> {
        try {
          yield* sleep(100);
        } catch {
          throw new Error('child failed on cancel');
        }
      }
      const parent = createTask(
        (function* () {
          try {
            yield* taskGroup(function* (tg) {
              tg.createTask(child());
              yield* sleep(1000);
            });
          } catch (e) {
            const msgs = (e as AggregateError).errors.map((x: Error) => x.message);
            log.push(
              `group error ${msgs} cancelling=${(currentTask() as Task<unknown>).cancelling()}`,
            );
          }
          try {
            yield* sleep(1);
            log.push('slept');
          } catch (e) {
            log.push('cancelled at next await');
            throw e;
          }
        })(),
      );
      yield* sleep(5);
      parent.cancel();
      yield* errorOf(parent);
      log.push(`parent cancelled=${parent.cancelled()}`);
      return log;
    });
    expect(out).toEqual([
      'group error child failed on cancel cancelling=1',
      'cancelled at next await',
      'parent cancelled=true',
    ]);
  });

  test('createTask on a finished group throws', () => {
    const out = go(function* () {
      let saved: TaskGroup | undefined;
      yield* taskGroup(function* (tg) {
        saved = tg;
      });
      const coro = sleep(1);
      try {
        saved?.createTask(coro);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    });
    // CPython 3.13: 'TaskGroup <TaskGroup entered> is finished'
    expect(out).toBe('TaskGroup <TaskGroup entered> is finished');
  });

  test('createTask while the group is shutting down throws', () => {
    const out = go(function* () {
      let message = '';
      yield* errorOf(
        taskGroup(function* (tg) {
          tg.createTask(fail(1, 'x'));
          try {
            yield* sleep(100);
          } catch (e) {
            try {
              tg.createTask(sleep(1));
            } catch (err) {
              message = (err as Error).message;
            }
            throw e;
          }
        }),
      );
      return message;
    });
    expect(out).toBe('TaskGroup <TaskGroup errors=1 cancelling> is shutting down');
  });

  test('createTask on a group not entered, or with a non-coroutine, throws', () => {
    const tg = new TaskGroup();
    expect(tg.toString()).toBe('<TaskGroup>');
    function* body(): Coro<void> {}
    expect(() => tg.createTask(body())).toThrow('TaskGroup <TaskGroup> has not been entered');
    expect(() => tg.createTask(body as never)).toThrow(TypeError);
    expect(() => tg.createTask(body as never)).toThrow(
      'TaskGroup.createTask(): a coroutine was expected, got function body',
    );
  });

  test('tg.cancel() cancels the tasks and the body; the group exits without an error', () => {
    const out = go(function* () {
      const log: string[] = [];
      const r = yield* taskGroup(function* (tg) {
        tg.createTask(
          (function* () {
            try {
              yield* sleep(1000);
            } catch (e) {
              log.push(`task ${(e as Error).name}`);
              throw e;
            }
          })(),
        );
        yield* sleep(10);
        tg.cancel();
        tg.cancel();
        try {
          yield* sleep(1000);
        } catch (e) {
          log.push(`body ${(e as Error).name}`);
          throw e;
        }
        return 'not reached';
      });
      log.push(`result ${String(r)}, cancelling=${(currentTask() as Task<unknown>).cancelling()}`);
      return log;
    });
    expect(out).toEqual([
      'task CancelledError',
      'body CancelledError',
      'result undefined, cancelling=0',
    ]);
  });

  test('tg.cancel() from a child task stops the group', () => {
    const out = go(function* () {
      yield* taskGroup(function* (tg) {
        tg.createTask(sleep(10_000));
        tg.createTask(
          (function* () {
            yield* sleep(10);
            tg.cancel();
          })(),
        );
      });
      return getRunningLoop().time();
    });
    expect(out).toBe(10);
  });

  test('tg.cancel() after the group exited does nothing', () => {
    go(function* () {
      let saved: TaskGroup | undefined;
      yield* taskGroup(function* (tg) {
        saved = tg;
      });
      saved?.cancel();
      yield* sleep(1);
      expect((currentTask() as Task<unknown>).cancelling()).toBe(0);
    });
  });

  test('tg.cancel() before entry cancels the group on entry', () => {
    const tg = new TaskGroup();
    tg.cancel();
    // The group is private to taskGroup(); entering is internal, so check through _enter.
    const out = go(function* () {
      tg._enter();
      const log: string[] = [];
      try {
        yield* sleep(10);
        log.push('slept');
      } catch (e) {
        log.push((e as Error).name);
        yield* tg._exit(true, e);
      }
      return log;
    });
    expect(out).toEqual(['CancelledError']);
  });

  test('a failure of the group’s task after the parent is done goes to the exception handler', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    const tg = new TaskGroup();
    const parent = loop.createTask(
      (function* () {
        tg._enter();
        yield;
      })(),
    );
    await loop.runUntilComplete(parent);
    // A task created in a group whose parent finished without exiting the group.
    tg.createTask(fail(1, 'orphan'));
    await loop.runUntilComplete(sleep(5));
    loop.close();
    expect(handler).toHaveBeenCalledTimes(1);
    const ctx = handler.mock.calls[0]?.[1];
    expect(ctx.message).toMatch(/has errored out but its parent task .* is already completed$/);
    expect(ctx.exception.message).toBe('orphan');
  });

  test('rejects a body that is not a generator function', () => {
    const out = go(function* () {
      const a = (yield* errorOf(taskGroup(42 as never))) as Error;
      const b = (yield* errorOf(taskGroup((() => 1) as never))) as AggregateError;
      return [a.message, b.errors[0].message];
    });
    expect(out).toEqual([
      'taskGroup(): body must be a generator function (tg) => Coro, got 42',
      'taskGroup(): body must return a coroutine (use function*), got 1',
    ]);
  });

  test('used outside a task it throws', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    let message = '';
    loop.callSoon(() => {
      try {
        taskGroup(function* () {}).next();
      } catch (e) {
        message = (e as Error).message;
      }
    });
    await loop.runUntilComplete(sleep(0));
    loop.close();
    expect(message).toBe('TaskGroup <TaskGroup> cannot determine the parent task');
  });

  test('toString shows the tasks and the state', () => {
    go(function* () {
      yield* taskGroup(function* (tg) {
        expect(tg.toString()).toBe('<TaskGroup entered>');
        tg.createTask(sleep(1));
        expect(tg.toString()).toBe('<TaskGroup tasks=1 entered>');
      });
    });
  });

  test('eager tasks that finish at once are waited for and their errors collected', () => {
    const out = go(function* () {
      const e = yield* errorOf(
        taskGroup(function* (tg) {
          tg.createTask(
            (function* (): Coro<void> {
              throw new Error('eager failure');
            })(),
            { eagerStart: true },
          );
          yield* sleep(100);
        }),
      );
      return [(e as AggregateError).errors.map((x: Error) => x.message), getRunningLoop().time()];
    });
    expect(out).toEqual([['eager failure'], 0]);
  });

  test('nested groups: an inner failure propagates as a group error through the outer group', () => {
    const out = go(function* () {
      const e = yield* errorOf(
        taskGroup(function* (outer) {
          outer.createTask(sleep(1000));
          yield* taskGroup(function* (inner) {
            inner.createTask(fail(5, 'deep'));
          });
        }),
      );
      const errs = (e as AggregateError).errors;
      return [errs.length, errs[0] instanceof TaskGroupError, errs[0].errors[0].message];
    });
    expect(out).toEqual([1, true, 'deep']);
  });
});

class KeyboardLikeError extends Error {}
