import { CancelledError, type Coro, EventLoop, getRunningLoop, run, sleep } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { toPromise } from './toPromise';

describe('toPromise', () => {
  it('returns a native Promise fulfilled with the future result', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const fut = loop.createFuture<number>();
    loop.callLater(50, () => fut.setResult(7));
    const p = toPromise(fut);
    expect(p).toBeInstanceOf(Promise);
    expect(p).not.toBe(fut);
    await loop.runUntilComplete(fut);
    await expect(p).resolves.toBe(7);
    loop.close();
  });

  it('rejects with the very error object the future failed with', async () => {
    const boom = new Error('boom');
    // (wrapped in an array: run() would adopt a returned promise)
    function* main(): Coro<[Promise<never>]> {
      const fut = getRunningLoop().createFuture<never>();
      const p = toPromise(fut);
      fut.setException(boom);
      return [p];
    }
    const [p] = await run(main(), { clock: new TestClock() });
    await expect(p).rejects.toBe(boom);
  });

  it('rejects with a CancelledError carrying the cancel message for a cancelled task', async () => {
    function* main(): Coro<[Promise<unknown>]> {
      const loop = getRunningLoop();
      const task = loop.createTask(sleep(1000));
      const p = toPromise(task);
      yield* sleep(1);
      task.cancel('stop now');
      yield* sleep(1);
      return [p];
    }
    const [p] = await run(main(), { clock: new TestClock() });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as Error).message).toBe('stop now');
  });

  it('settles even when the loop stops right after the future completes', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const fut = loop.createFuture<string>();
    const p = toPromise(fut);
    loop.callSoon(() => {
      fut.setResult('late');
      loop.stop();
    });
    await loop.runForever();
    loop.close();
    await expect(p).resolves.toBe('late');
  });

  it('refuses anything that is not an aio Future, naming what it got', () => {
    expect(() => toPromise(Promise.resolve(1) as never)).toThrow(
      new TypeError(
        'toPromise(): fut must be an aio Future or Task, got an object of class Promise',
      ),
    );
    function* coro(): Coro<number> {
      return 1;
    }
    expect(() => toPromise(coro() as never)).toThrow(/a coroutine: start it with loop.createTask/);
    const foreign = { addDoneCallback() {}, getLoop() {}, next() {}, throw() {} };
    expect(() => toPromise(foreign as never)).toThrow(/a Future from another copy of @aio\/core/);
  });
});
