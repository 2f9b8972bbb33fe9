import { afterEach, describe, expect, test } from 'vitest';
import { errorOf } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { EventLoop } from './public';
import { CancelledError } from './exceptions';
import type { Future } from './public';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import { gather } from './gather';
import { Semaphore } from './semaphore';
import type { Coro } from './types';
import { waitFor } from './waitFor';
import { isPromiseLike, wrapPromise } from './wrapPromise';

const loops: EventLoop[] = [];
afterEach(() => {
  for (const l of loops.splice(0)) if (!l.isRunning()) l.close();
});

function deferred<T>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('wrapPromise', () => {
  test('settles like the promise: result or error', async () => {
    const out = await run(
      (function* () {
        const a = yield* wrapPromise(Promise.resolve('value'));
        const e = yield* errorOf(wrapPromise(Promise.reject(new Error('rejected'))));
        return [a, (e as Error).message];
      })(),
    );
    expect(out).toEqual(['value', 'rejected']);
  });

  test('the result arrives through callSoon, after callbacks already scheduled', async () => {
    const out = await run(
      (function* () {
        const loop = getRunningLoop();
        const log: string[] = [];
        const fut = wrapPromise(Promise.resolve('v'));
        expect(fut.done()).toBe(false);
        fut.addDoneCallback(() => log.push('done callback'));
        loop.callSoon(() => log.push('soon1'));
        loop.callSoon(() => {
          log.push('soon2');
          loop.callSoon(() => log.push('soon3'));
        });
        log.push(`got ${yield* fut}`);
        return log;
      })(),
    );
    // The promise settles in a microtask, once the loop's synchronous batch has gone idle;
    // the result reaches the loop only through callSoon, never synchronously.
    expect(out).toEqual(['soon1', 'soon2', 'soon3', 'done callback', 'got v']);
  });

  test('a settled promise wakes the idle loop and the waiting task resumes in loop order', async () => {
    const d = deferred<number>();
    const out = await run(
      (function* () {
        const loop = getRunningLoop();
        const log: string[] = [];
        setTimeout(() => {
          loop.callSoon(() => log.push('callSoon from host before resolve'));
          d.resolve(5);
        }, 5);
        log.push(`got ${yield* wrapPromise(d.promise)}`);
        return log;
      })(),
    );
    expect(out).toEqual(['callSoon from host before resolve', 'got 5']);
  });

  test('the factory form aborts the signal when the future is cancelled', async () => {
    let signal: AbortSignal | undefined;
    const out = await run(
      (function* () {
        const fut = wrapPromise((s) => {
          signal = s;
          // Native work that honours the abort.
          return new Promise<string>((_, reject) => {
            s.addEventListener('abort', () => reject(s.reason));
          });
        });
        const t = createTask(
          (function* () {
            return yield* fut;
          })(),
        );
        yield;
        expect(signal?.aborted).toBe(false);
        t.cancel('give up');
        const e = yield* errorOf(t);
        yield;
        return [(e as Error).name, (e as Error).message, fut.cancelled()];
      })(),
    );
    expect(out).toEqual(['CancelledError', 'give up', true]);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(CancelledError);
    expect((signal as AbortSignal).reason.message).toBe('give up');
  });

  test('a cancellation completes only once the native promise has settled (the abort took effect)', async () => {
    const log: string[] = [];
    await run(
      (function* (): Coro<void> {
        const fut = wrapPromise(
          (signal) =>
            new Promise<string>((_, reject) => {
              signal.addEventListener('abort', () => {
                log.push('abort seen');
                // The native side needs a while to wind down.
                setTimeout(() => {
                  log.push('native settled');
                  reject(new Error('aborted'));
                }, 20);
              });
            }),
        );
        const t = createTask(
          (function* (): Coro<void> {
            try {
              yield* fut;
            } finally {
              log.push('task finally');
            }
          })(),
        );
        yield;
        t.cancel();
        log.push(`right after cancel: fut cancelled ${fut.cancelled()}, t done ${t.done()}`);
        yield* errorOf(t);
        log.push(`after: fut cancelled ${fut.cancelled()}`);
      })(),
    );
    expect(log).toEqual([
      'abort seen',
      'right after cancel: fut cancelled false, t done false',
      'native settled',
      'task finally',
      'after: fut cancelled true',
    ]);
  });

  test('abandonOnCancel completes the cancellation at once; the promise form too', async () => {
    const out = await run(
      (function* (): Coro<boolean[]> {
        const never = (): Promise<string> => new Promise<string>(() => {});
        const abandoned = wrapPromise(never, { abandonOnCancel: true });
        const plain = wrapPromise(never());
        abandoned.cancel();
        plain.cancel();
        return [abandoned.cancelled(), plain.cancelled()];
      })(),
    );
    expect(out).toEqual([true, true]);
  });

  test('a semaphore around a timed-out request holds its bound: the next request starts after the abort settled', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const request = (signal: AbortSignal, ms: number): Promise<number> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<number>((resolve, reject) => {
        const done = setTimeout(() => {
          inFlight--;
          resolve(ms);
        }, ms);
        signal.addEventListener('abort', () => {
          clearTimeout(done);
          // The socket closes a little later, as a real fetch's does.
          setTimeout(() => {
            inFlight--;
            reject(signal.reason);
          }, 15);
        });
      });
    };
    const results = await run(
      (function* (): Coro<string[]> {
        const sem = new Semaphore(1);
        const worker = (ms: number): Coro<string> =>
          sem.hold(function* () {
            try {
              return String(
                yield* waitFor(
                  wrapPromise((signal) => request(signal, ms)),
                  25,
                ),
              );
            } catch (e) {
              return (e as Error).name;
            }
          });
        return yield* gather(worker(200), worker(5), worker(200), worker(5));
      })(),
    );
    expect(results).toEqual(['TimeoutError', '5', 'TimeoutError', '5']);
    expect(maxInFlight).toBe(1);
    expect(inFlight).toBe(0);
  });

  test('the factory form does not abort when the promise settles', async () => {
    let signal: AbortSignal | undefined;
    const out = await run(
      (function* () {
        return yield* wrapPromise((s) => {
          signal = s;
          return Promise.resolve(1);
        });
      })(),
    );
    expect(out).toBe(1);
    expect(signal?.aborted).toBe(false);
  });

  test('a factory that throws gives a failed future', async () => {
    const out = await run(
      (function* () {
        return yield* errorOf(
          wrapPromise(() => {
            throw new Error('factory threw');
          }),
        );
      })(),
    );
    expect((out as Error).message).toBe('factory threw');
  });

  test('rejects a non-promise, and a factory that returns a non-promise', async () => {
    const out = await run(
      (function* () {
        const msgs: string[] = [];
        // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
        for (const bad of [42, null, { then: 1 }, () => 'x']) {
          try {
            wrapPromise(bad as never);
          } catch (e) {
            msgs.push(`${(e as Error).name}: ${(e as Error).message}`);
          }
        }
        yield;
        return msgs;
      })(),
    );
    expect(out).toEqual([
      'TypeError: wrapPromise(): expected a PromiseLike or a function (signal) => PromiseLike, got 42',
      'TypeError: wrapPromise(): expected a PromiseLike or a function (signal) => PromiseLike, got null',
      'TypeError: wrapPromise(): expected a PromiseLike or a function (signal) => PromiseLike, got Object {…}',
      "TypeError: wrapPromise(): the factory must return a PromiseLike, got 'x'",
    ]);
  });

  test('throws outside a running loop', () => {
    expect(() => wrapPromise(Promise.resolve(1))).toThrow('no running event loop');
  });

  test('a pending wrapped promise holds a virtual clock still', async () => {
    const clock = new TestClock();
    const d = deferred<string>();
    const out = await run(
      (function* () {
        const loop = getRunningLoop();
        const log: string[] = [];
        createTask(
          (function* () {
            yield* sleep(1000);
            log.push(`sleeper woke at ${loop.time()}`);
          })(),
        );
        setTimeout(() => d.resolve('x'), 20);
        const v = yield* wrapPromise(d.promise);
        log.push(`got ${v} at ${loop.time()}`);
        yield* sleep(2000);
        return log;
      })(),
      { clock },
    );
    expect(out).toEqual(['got x at 0', 'sleeper woke at 1000']);
  });

  test('a promise settling after its future was cancelled changes nothing', async () => {
    const d = deferred<string>();
    const e = deferred<string>();
    const out = await run(
      (function* () {
        const f1 = wrapPromise(d.promise);
        const f2 = wrapPromise(e.promise);
        f1.cancel();
        f2.cancel();
        d.resolve('late');
        e.reject(new Error('late error'));
        yield* wrapPromise(new Promise((r) => setTimeout(r, 5)));
        return [f1.cancelled(), f2.cancelled()];
      })(),
    );
    expect(out).toEqual([true, true]);
  });

  test('a promise settling after its loop closed is ignored', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const d = deferred<number>();
    const r = deferred<number>();
    let fut: Future<number> | undefined;
    let fut2: Future<number> | undefined;
    await loop.runUntilComplete(
      (function* () {
        fut = wrapPromise(d.promise);
        fut2 = wrapPromise(r.promise);
        yield;
      })(),
    );
    loop.close();
    d.resolve(1);
    r.reject(new Error('x'));
    await new Promise((res) => setTimeout(res, 5));
    expect(fut?.done()).toBe(false);
    expect(fut2?.done()).toBe(false);
  });

  test('isPromiseLike accepts thenables only', () => {
    expect(isPromiseLike(Promise.resolve())).toBe(true);
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
    expect(isPromiseLike({ then() {} })).toBe(true);
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
    const fn = Object.assign(() => {}, { then() {} });
    expect(isPromiseLike(fn)).toBe(true);
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
    expect(isPromiseLike({ then: 1 })).toBe(false);
    expect(isPromiseLike(null)).toBe(false);
    expect(isPromiseLike('then')).toBe(false);
  });

  test('runUntilComplete of a native promise on a new loop', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    loops.push(loop);
    await expect(loop.runUntilComplete(Promise.reject(new Error('p')))).rejects.toThrow('p');
  });
});
