import { describe, expect, test } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { ensureFuture } from './ensureFuture';
import { EventLoop } from './public';
import { Future } from './public';
import { run, runSync } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { Task } from './public';

describe('ensureFuture', () => {
  test('returns a future (or task) as it is', () => {
    runSync(
      (function* () {
        const f = getRunningLoop().createFuture<number>();
        expect(ensureFuture(f)).toBe(f);
        f.setResult(1);
        yield;
      })(),
    );
  });

  test('wraps a coroutine in a task on the running loop', () => {
    const out = runSync(
      (function* () {
        const t = ensureFuture(sleep(10, 'slept'));
        expect(t).toBeInstanceOf(Task);
        expect(t.getLoop()).toBe(getRunningLoop());
        return yield* t;
      })(),
      { clock: new TestClock() },
    );
    expect(out).toBe('slept');
  });

  test('wraps a native promise', async () => {
    const out = await run(
      (function* () {
        const f = ensureFuture(Promise.resolve('p'));
        expect(f).toBeInstanceOf(Future);
        expect(f).not.toBeInstanceOf(Task);
        return yield* f;
      })(),
    );
    expect(out).toBe('p');
  });

  test('rejects anything else, with a hint for a generator function', () => {
    function* gen() {}
    expect(() => ensureFuture(42 as never)).toThrow(TypeError);
    expect(() => ensureFuture(42 as never)).toThrow(
      'ensureFuture(): a Future, a coroutine or a PromiseLike is required, got 42',
    );
    expect(() => ensureFuture(gen as never)).toThrow(
      'ensureFuture(): a Future, a coroutine or a PromiseLike is required, got function gen ' +
        '(did you forget to call the generator function?)',
    );
  });

  test('a coroutine outside a running loop throws', () => {
    expect(() => ensureFuture(sleep(1))).toThrow('no running event loop');
  });

  test('a future of any loop is accepted when no loop is specified', () => {
    const loop = new EventLoop();
    const f = loop.createFuture();
    expect(ensureFuture(f)).toBe(f);
    loop.close();
  });
});
