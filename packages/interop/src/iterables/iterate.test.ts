import { type Coro, createTask, getRunningLoop, isCancelledError, run, sleep } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { iterate } from './iterate';

const clock = () => ({ clock: new TestClock() });

function* drain<T>(it: ReturnType<typeof iterate<T>>): Coro<T[]> {
  const out: T[] = [];
  for (let r = yield* it.next(); !r.done; r = yield* it.next()) out.push(r.value);
  return out;
}

/** A hand-made async iterable whose next() waits for `resolveNext()`; counts return() calls. */
function manualSource() {
  let pending: ((r: IteratorResult<number>) => void) | null = null;
  const stats = { opened: 0, returned: 0, nexts: 0 };
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]() {
      stats.opened++;
      return {
        next() {
          stats.nexts++;
          return new Promise<IteratorResult<number>>((resolve) => {
            pending = resolve;
          });
        },
        return() {
          stats.returned++;
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return {
    iterable,
    stats,
    resolveNext(value: number) {
      const p = pending;
      pending = null;
      p?.({ done: false, value });
    },
  };
}

describe('iterate', () => {
  it('reads every value of an async generator in order, then reports done', async () => {
    async function* gen() {
      for (let i = 0; i < 5; i++) yield i;
    }
    function* main(): Coro<[number[], boolean | undefined]> {
      const it = iterate(gen());
      const values = yield* drain(it);
      const after = yield* it.next();
      return [values, after.done];
    }
    expect(await run(main(), clock())).toEqual([[0, 1, 2, 3, 4], true]);
  });

  it("throws the source's error (the same object) and ends the iteration", async () => {
    const boom = new Error('boom');
    async function* gen() {
      yield 1;
      throw boom;
    }
    function* main(): Coro<[unknown, unknown, boolean | undefined]> {
      const it = iterate(gen());
      const first = (yield* it.next()).value;
      let caught: unknown;
      try {
        yield* it.next();
      } catch (e) {
        caught = e;
      }
      return [first, caught, (yield* it.next()).done];
    }
    expect(await run(main(), clock())).toEqual([1, boom, true]);
  });

  it("calls the source's return() when the consumer is cancelled inside next()", async () => {
    const src = manualSource();
    function* consumer(): Coro<string> {
      const it = iterate(src.iterable);
      try {
        yield* it.next();
        return 'got a value';
      } catch (e) {
        if (isCancelledError(e)) return 'cancelled';
        throw e;
      }
    }
    function* main(): Coro<string> {
      const task = createTask(consumer());
      yield* sleep(0);
      yield* sleep(0);
      expect(src.stats.nexts).toBe(1);
      task.cancel();
      const r = yield* task;
      src.resolveNext(99); // arrives after cancellation: dropped
      return r;
    }
    expect(await run(main(), clock())).toBe('cancelled');
    expect(src.stats.returned).toBe(1);
  });

  it('calls return() when the consumer is cancelled while it waits elsewhere', async () => {
    const src = manualSource();
    function* consumer(): Coro<void> {
      const it = iterate(src.iterable);
      // The source answers from the host (a loop timer could not: a pending wrapped
      // promise holds virtual time still).
      setTimeout(() => src.resolveNext(1), 1);
      expect((yield* it.next()).value).toBe(1);
      yield* sleep(1000); // cancelled here, between two next() calls
    }
    function* main(): Coro<void> {
      const task = createTask(consumer());
      yield* sleep(10);
      expect(src.stats.returned).toBe(0);
      task.cancel();
      yield* sleep(0);
      yield* sleep(0);
    }
    await run(main(), clock());
    expect(src.stats.returned).toBe(1);
  });

  it('leaves the source open when the consumer returns normally without exhausting it', async () => {
    const src = manualSource();
    function* consumer(): Coro<unknown> {
      const it = iterate(src.iterable);
      setTimeout(() => src.resolveNext(1), 1);
      return (yield* it.next()).value; // the iterator may be handed on: not closed
    }
    expect(await run(consumer(), clock())).toBe(1);
    expect(src.stats.returned).toBe(0);
  });

  it('runs an async generator finally block after cancellation, once its await settles', async () => {
    const log: string[] = [];
    let release: () => void = () => {};
    async function* gen() {
      try {
        yield 1;
        await new Promise<void>((r) => {
          release = r;
        });
        yield 2;
      } finally {
        log.push('finally');
      }
    }
    function* consumer(): Coro<void> {
      const it = iterate(gen());
      yield* it.next();
      yield* it.next();
    }
    function* main(): Coro<void> {
      const task = createTask(consumer());
      yield* sleep(5);
      task.cancel();
      try {
        yield* task;
      } catch (e) {
        if (!isCancelledError(e)) throw e;
      }
      log.push('cancelled');
      release();
    }
    await run(main());
    await new Promise((r) => setTimeout(r, 5));
    expect(log).toEqual(['cancelled', 'finally']);
  });

  it("return() stops early and waits for the source's return()", async () => {
    const log: string[] = [];
    async function* gen() {
      try {
        yield 1;
        yield 2;
      } finally {
        await new Promise((r) => setTimeout(r, 1));
        log.push('cleaned up');
      }
    }
    function* main(): Coro<[unknown, boolean | undefined]> {
      const it = iterate(gen());
      const first = (yield* it.next()).value;
      yield* it.return();
      log.push('returned');
      return [first, (yield* it.next()).done];
    }
    expect(await run(main())).toEqual([1, true]);
    expect(log).toEqual(['cleaned up', 'returned']);
  });

  it("reports a failing return() to the loop's exception handler after a cancellation", async () => {
    const boom = new Error('return failed');
    const seen: unknown[] = [];
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => {}),
        return: () => Promise.reject(boom),
      }),
    };
    function* main(): Coro<void> {
      getRunningLoop().setExceptionHandler((_loop, ctx) => seen.push(ctx.message, ctx.exception));
      const task = createTask(iterate(iterable).next());
      yield* sleep(0);
      task.cancel();
      yield* sleep(0);
      yield* sleep(0);
      yield* sleep(1); // let the rejection arrive (real clock)
    }
    await run(main());
    expect(seen).toEqual(["iterate(): the source iterator's return() failed", boom]);
  });

  it('holds a virtual clock still while the source is pending', async () => {
    async function* slowHost() {
      await new Promise((r) => setTimeout(r, 5)); // real time, outside the loop
      yield 'value';
    }
    function* main(): Coro<number> {
      const loop = getRunningLoop();
      createTask(sleep(1000)); // would let time jump to 1000 if nothing held it
      yield* iterate(slowHost()).next();
      return loop.time();
    }
    expect(await run(main(), clock())).toBe(0);
  });

  it('refuses a value that is not an AsyncIterable, and a next() result that is not an object', async () => {
    expect(() => iterate([1, 2] as never)).toThrow(
      new TypeError(
        'iterate(): source must be an AsyncIterable (with [Symbol.asyncIterator]), got an array of length 2',
      ),
    );
    const bad: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(5 as never) }),
    };
    function* main(): Coro<unknown> {
      try {
        yield* iterate(bad).next();
      } catch (e) {
        return e;
      }
      return undefined;
    }
    expect(await run(main(), clock())).toEqual(
      new TypeError("iterate(): the source's next() resolved to 5, not an object"),
    );
  });
});
