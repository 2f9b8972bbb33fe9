import { EventEmitter } from 'node:events';
import {
  allTasks,
  type Coro,
  createTask,
  EventLoop,
  type Future,
  sleep,
  type Task,
} from '@aio/core';
import { describe, expect, it } from 'vitest';
import { runOnLoop, swallowCancel } from './testing/loop.testutil';
import { cancelOnAbort } from './abort/cancelOnAbort';
import { signalOf } from './abort/signalOf';
import { once } from './events/once';
import { iterate } from './iterables/iterate';
import { toAsyncIterable } from './iterables/toAsyncIterable';
import { toPromise } from './promise/toPromise';
import { TestClock } from '@aio/test-utils';

const N = 10_000;

function* awaitIt<T>(fut: Future<T>): Coro<T> {
  return yield* fut;
}

class CountingTarget extends EventTarget {
  listeners = 0;
  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners++;
    super.addEventListener(...args);
  }
  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners--;
    super.removeEventListener(...args);
  }
}

describe(`every main-entry bridge, ${N} times, leaves nothing behind`, { timeout: 60_000 }, () => {
  it('once (EventTarget and EventEmitter), fired and cancelled', async () => {
    const target = new CountingTarget();
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        const fut: Future<unknown> = i % 2 === 0 ? once(target, 'ping') : once(emitter, 'ping');
        const waiter = createTask(awaitIt(fut)) as Task<unknown>;
        yield* sleep(0);
        if (i % 4 < 2) {
          target.dispatchEvent(new Event('ping'));
          emitter.emit('ping', i);
          yield* waiter;
        } else {
          waiter.cancel();
          yield* swallowCancel(waiter);
        }
      }
      yield* sleep(0);
    });
    expect(target.listeners).toBe(0);
    expect(emitter.listenerCount('ping') + emitter.listenerCount('error')).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });

  it('iterate, exhausted, returned and cancelled', async () => {
    const stats = { open: 0 };
    // A well-behaved source: return() settles a pending next() with done.
    function source(n: number): AsyncIterable<number> {
      return {
        [Symbol.asyncIterator]() {
          stats.open++;
          let i = 0;
          let closed = false;
          let pending: ((r: IteratorResult<number>) => void) | null = null;
          const close = () => {
            if (!closed) {
              closed = true;
              stats.open--;
            }
          };
          return {
            next() {
              if (closed || i >= n) {
                close();
                return Promise.resolve({ done: true, value: undefined });
              }
              if (i === 1) return new Promise((r) => (pending = r)); // the second value never comes
              return Promise.resolve({ done: false, value: i++ });
            },
            return() {
              pending?.({ done: true, value: undefined });
              close();
              return Promise.resolve({ done: true, value: undefined });
            },
          };
        },
      };
    }
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        const it = iterate(source(1 + (i % 3)));
        if (i % 3 === 0) {
          while (!(yield* it.next()).done) {} // one value, then the end
        } else if (i % 3 === 1) {
          yield* it.next();
          yield* it.return();
        } else {
          const consumer = createTask(
            (function* () {
              yield* it.next();
              yield* it.next(); // waits forever: cancelled here
            })(),
          );
          yield* sleep(0);
          yield* sleep(0);
          consumer.cancel();
          yield* swallowCancel(consumer);
        }
      }
      yield* sleep(0);
    });
    expect(stats.open).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });

  it('signalOf, cancelOnAbort and toPromise', async () => {
    const shared = new AbortController();
    let listeners = 0;
    const add = shared.signal.addEventListener.bind(shared.signal);
    const remove = shared.signal.removeEventListener.bind(shared.signal);
    shared.signal.addEventListener = ((...a: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...a);
    }) as AbortSignal['addEventListener'];
    shared.signal.removeEventListener = ((...a: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...a);
    }) as AbortSignal['removeEventListener'];
    let aborted = 0;
    const promises: Promise<unknown>[] = [];
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        const task = createTask(sleep(i % 2 === 0 ? 1 : 1000));
        signalOf(task).addEventListener('abort', () => aborted++, { once: true });
        const detach = cancelOnAbort(task, shared.signal);
        promises.push(toPromise(task).catch(() => 'cancelled'));
        if (i % 4 === 1) task.cancel();
        if (i % 4 === 3) {
          detach();
          const own = new AbortController();
          cancelOnAbort(task, own.signal);
          own.abort();
        }
        yield* swallowCancel(task);
      }
      yield* sleep(0);
    });
    await Promise.all(promises);
    expect(aborted).toBe(N);
    expect(listeners).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });

  it('toAsyncIterable, read to the end and left early', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const running = loop.runForever();
    let open = 0;
    function items(n: number) {
      open++;
      let i = 0;
      let closed = false;
      return {
        *next(): Coro<IteratorResult<number, undefined>> {
          yield* sleep(1);
          if (closed || i >= n) {
            if (!closed) open--;
            closed = true;
            return { done: true, value: undefined };
          }
          return { done: false, value: i++ };
        },
        *return(): Coro<IteratorResult<number, undefined>> {
          if (!closed) open--;
          closed = true;
          return { done: true, value: undefined };
        },
      };
    }
    for (let i = 0; i < N; i++) {
      for await (const x of toAsyncIterable(items(2), { loop })) {
        if (i % 2 === 1 && x === 0) break;
      }
    }
    expect(open).toBe(0);
    expect(allTasks(loop).size).toBe(0);
    loop.stop();
    await running;
    loop.close();
  });
});
