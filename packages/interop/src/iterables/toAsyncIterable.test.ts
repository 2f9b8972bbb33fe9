import {
  type AioIterator,
  allTasks,
  CancelledError,
  type Coro,
  EventLoop,
  Queue,
  sleep,
} from '@aio/core';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { iterate } from './iterate';
import { toAsyncIterable } from './toAsyncIterable';

/** An AioIterator over 0..n-1 that sleeps before each value and counts return() calls. */
function counter(n: number, stats = { returned: 0 }): AioIterator<number> {
  let i = 0;
  let closed = false;
  return {
    *next() {
      yield* sleep(10);
      if (closed || i >= n) return { done: true, value: undefined };
      return { done: false, value: i++ };
    },
    *return() {
      stats.returned++;
      closed = true;
      return { done: true, value: undefined };
    },
  };
}

/** A loop running forever until `stop()`; the test drives it from plain async code. */
function runningLoop(): { loop: EventLoop; stop: () => Promise<void> } {
  const loop = new EventLoop({ clock: new TestClock() });
  const done = loop.runForever();
  return {
    loop,
    stop: async () => {
      loop.stop();
      await done;
      loop.close();
    },
  };
}

describe('toAsyncIterable', () => {
  it('reads an aio Queue with for await until it is shut down and drained', async () => {
    const { loop, stop } = runningLoop();
    const queue = new Queue<number>();
    function* producer(): Coro<void> {
      for (let i = 0; i < 5; i++) {
        yield* queue.put(i);
        yield* sleep(5);
      }
      queue.shutdown();
    }
    loop.createTask(producer());
    const seen: number[] = [];
    for await (const x of toAsyncIterable(queue)) seen.push(x);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    await stop();
  });

  it('reads an AioIterator, each step run as a task on the loop', async () => {
    const { loop, stop } = runningLoop();
    const seen: number[] = [];
    for await (const x of toAsyncIterable(counter(4), { loop })) seen.push(x);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(loop.time()).toBe(50); // five sleeps of 10 ms, the last one finding the end
    await stop();
  });

  it("calls the AioIterator's return() when for await is left early", async () => {
    const { loop, stop } = runningLoop();
    const stats = { returned: 0 };
    const seen: number[] = [];
    for await (const x of toAsyncIterable(counter(100, stats), { loop })) {
      seen.push(x);
      if (x === 2) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(stats.returned).toBe(1);
    expect(allTasks(loop).size).toBe(0);
    await stop();
  });

  it('cancels a step still running when return() is called, then calls return()', async () => {
    const { loop, stop } = runningLoop();
    let returned = 0;
    const never: AioIterator<number> = {
      *next() {
        yield* loop.createFuture<never>(); // never completes
        return { done: true, value: undefined };
      },
      *return() {
        returned++;
        return { done: true, value: undefined };
      },
    };
    const it = toAsyncIterable(never, { loop })[Symbol.asyncIterator]();
    const pending = it.next();
    await new Promise((r) => setTimeout(r, 1)); // the step is running
    expect(allTasks(loop).size).toBe(1);
    const done = it.return?.();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    await expect(done).resolves.toEqual({ done: true, value: undefined });
    expect(returned).toBe(1);
    await expect(it.next()).resolves.toEqual({ done: true, value: undefined });
    expect(allTasks(loop).size).toBe(0);
    await stop();
  });

  it('skips a step queued before return() and still calls return()', async () => {
    const { loop, stop } = runningLoop();
    const stats = { returned: 0 };
    const it = toAsyncIterable(counter(100, stats), { loop })[Symbol.asyncIterator]();
    const queued = it.next();
    const done = it.return?.();
    await expect(queued).resolves.toEqual({ done: true, value: undefined });
    await expect(done).resolves.toEqual({ done: true, value: undefined });
    expect(stats.returned).toBe(1);
    await stop();
  });

  it("passes the iterator's error through unchanged", async () => {
    const { loop, stop } = runningLoop();
    const boom = new Error('boom');
    async function* gen() {
      yield 1;
      throw boom;
    }
    const seen: number[] = [];
    let caught: unknown;
    try {
      for await (const x of toAsyncIterable(iterate(gen()), { loop })) seen.push(x);
    } catch (e) {
      caught = e;
    }
    expect(seen).toEqual([1]);
    expect(caught).toBe(boom);
    await stop();
  });

  it('uses the loop running when it is called, by default', async () => {
    const { loop, stop } = runningLoop();
    const iterable = await loop.createTask(
      (function* (): Coro<AsyncIterable<number>> {
        return toAsyncIterable(counter(2));
      })(),
    );
    const seen: number[] = [];
    for await (const x of iterable) seen.push(x);
    expect(seen).toEqual([0, 1]);
    await stop();
  });

  it('rejects with a clear error when no loop is known', async () => {
    const it = toAsyncIterable(counter(1))[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow(
      new Error(
        'toAsyncIterable(): no event loop to run the iterator on: call toAsyncIterable from ' +
          'a coroutine, or pass { loop }',
      ),
    );
  });

  it('refuses a source that is neither a Queue nor an AioIterator, and a second iteration', () => {
    expect(() => toAsyncIterable([1] as never)).toThrow(
      new TypeError(
        'toAsyncIterable(): source must be an aio Queue or an AioIterator (next and return), got an array of length 1',
      ),
    );
    const iterable = toAsyncIterable(counter(1), { loop: new EventLoop() });
    iterable[Symbol.asyncIterator]();
    expect(() => iterable[Symbol.asyncIterator]()).toThrow(
      new TypeError('toAsyncIterable(): an AioIterator can be iterated only once'),
    );
  });
});
