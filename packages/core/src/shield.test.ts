import { describe, expect, test } from 'vitest';
import { errorOf, go } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { CancelledError } from './exceptions';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { shield } from './shield';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

describe('shield', () => {
  test('evaluates to the result of the shielded awaitable', () => {
    const out = go(function* () {
      const a = yield* shield(sleep(10, 'coro'));
      const b = yield* shield(createTask(sleep(10, 'task')));
      return [a, b];
    });
    expect(out).toEqual(['coro', 'task']);
  });

  test('the awaiting task gets CancelledError while the inner awaitable runs on', () => {
    const out = go(function* () {
      const log: string[] = [];
      const inner = createTask(
        (function* () {
          yield* sleep(50);
          log.push(`inner done at ${getRunningLoop().time()}`);
          return 'saved';
        })(),
      );
      const waiter = createTask(
        (function* () {
          return yield* shield(inner);
        })(),
      );
      yield* sleep(10);
      waiter.cancel('stop waiting');
      const e = yield* errorOf(waiter);
      log.push(`waiter: ${(e as Error).name} ${(e as Error).message}`);
      log.push(`inner cancelled? ${inner.cancelled()}`);
      log.push(`inner result ${yield* inner}`);
      return log;
    });
    expect(out).toEqual([
      'waiter: CancelledError stop waiting',
      'inner cancelled? false',
      'inner done at 50',
      'inner result saved',
    ]);
  });

  test('cancelling the outer future directly leaves the inner one running', () => {
    const out = go(function* () {
      const inner = createTask(sleep(20, 'x'));
      const outer = shield(inner);
      expect(outer).not.toBe(inner);
      outer.cancel();
      return [outer.cancelled(), yield* inner];
    });
    expect(out).toEqual([true, 'x']);
  });

  test('if the inner awaitable is cancelled, the shield is cancelled too', () => {
    const out = go(function* () {
      const inner = createTask(sleep(100));
      const outer = shield(inner);
      yield;
      inner.cancel();
      const e = yield* errorOf(outer);
      return [e instanceof CancelledError, outer.cancelled()];
    });
    expect(out).toEqual([true, true]);
  });

  test('if the inner awaitable fails, the shield fails with its error', () => {
    const out = go(function* () {
      function* bad(): Coro<void> {
        yield* sleep(1);
        throw new EvalError('inner failed');
      }
      return yield* errorOf(shield(bad()));
    });
    expect(out).toBeInstanceOf(EvalError);
  });

  test('a done awaitable is returned as it is', () => {
    go(function* () {
      const f = getRunningLoop().createFuture<number>();
      f.setResult(1);
      expect(shield(f)).toBe(f);
      yield;
    });
  });

  test('an inner failure after the shield was cancelled is not passed on', () => {
    const out = go(function* () {
      const inner = createTask(
        (function* (): Coro<void> {
          yield* sleep(10);
          throw new Error('late');
        })(),
      );
      const outer = shield(inner);
      outer.cancel();
      const e = yield* errorOf(inner);
      yield;
      return [(e as Error).message, outer.cancelled()];
    });
    expect(out).toEqual(['late', true]);
  });

  test('an inner result arriving when the outer was already cancelled leaves the outer cancelled', () => {
    const out = go(function* () {
      const loop = getRunningLoop();
      const ok = loop.createFuture<number>();
      const bad = loop.createFuture<number>();
      const o1 = shield(ok);
      const o2 = shield(bad);
      // Both inner futures complete, then (before their callbacks run) the outers are cancelled.
      ok.setResult(1);
      bad.setException(new Error('inner error'));
      o1.cancel();
      o2.cancel();
      yield;
      yield;
      return [o1.cancelled(), o2.cancelled(), ok.result()];
    });
    expect(out).toEqual([true, true, 1]);
  });

  test('shields a native promise', async () => {
    const out = await run(
      (function* () {
        return yield* shield(Promise.resolve('p'));
      })(),
      { clock: new TestClock() },
    );
    expect(out).toBe('p');
  });

  test('rejects something that is not awaitable', () => {
    go(function* () {
      expect(() => shield(5 as never)).toThrow(
        'ensureFuture(): a Future, a coroutine or a PromiseLike is required, got 5',
      );
      yield;
    });
  });
});
