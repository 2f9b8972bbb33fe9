import { EventEmitter } from 'node:events';
import { type Coro, createTask, EventLoop, isCancelledError, run, sleep } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { once } from './once';

const clock = () => ({ clock: new TestClock() });

/** An EventTarget whose listeners are counted. */
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

describe('once on an EventTarget', () => {
  it('resolves with the Event and removes its listener', async () => {
    const target = new CountingTarget();
    const sent = new Event('ping');
    function* main(): Coro<Event> {
      const fut = once(target, 'ping');
      expect(target.listeners).toBe(1);
      later(() => target.dispatchEvent(sent));
      return yield* fut;
    }
    expect(await run(main(), clock())).toBe(sent);
    expect(target.listeners).toBe(0);
  });

  it('removes the listener when the future is cancelled, and ignores a later event', async () => {
    const target = new CountingTarget();
    function* main(): Coro<boolean> {
      const fut = once(target, 'ping');
      fut.cancel();
      yield* sleep(0);
      expect(target.listeners).toBe(0);
      target.dispatchEvent(new Event('ping'));
      return fut.cancelled();
    }
    expect(await run(main(), clock())).toBe(true);
  });

  it('removes the listener when the task awaiting it is cancelled', async () => {
    const target = new CountingTarget();
    function* waiter(): Coro<string> {
      try {
        yield* once(target, 'never');
        return 'fired';
      } catch (e) {
        if (isCancelledError(e)) return 'cancelled';
        throw e;
      }
    }
    function* main(): Coro<string> {
      const task = createTask(waiter());
      yield* sleep(10);
      expect(target.listeners).toBe(1);
      task.cancel();
      const r = yield* task;
      yield* sleep(0);
      expect(target.listeners).toBe(0);
      return r;
    }
    expect(await run(main(), clock())).toBe('cancelled');
  });

  it('wakes the loop when the event is dispatched by a host timer', async () => {
    const target = new EventTarget();
    function* main(): Coro<string> {
      setTimeout(() => target.dispatchEvent(new CustomEvent('msg', { detail: 'hi' })), 5);
      const e = (yield* once(target, 'msg')) as CustomEvent<string>;
      return e.detail;
    }
    expect(await run(main())).toBe('hi');
  });

  it('works with an AbortSignal as the target', async () => {
    const controller = new AbortController();
    function* main(): Coro<string> {
      const fut = once(controller.signal, 'abort');
      controller.abort();
      return (yield* fut).type;
    }
    expect(await run(main(), clock())).toBe('abort');
  });
});

describe('once on an EventEmitter', () => {
  it('resolves with the array of arguments and removes its listeners', async () => {
    const emitter = new EventEmitter();
    function* main(): Coro<unknown[]> {
      const fut = once(emitter, 'data');
      expect(emitter.listenerCount('data')).toBe(1);
      expect(emitter.listenerCount('error')).toBe(1);
      emitter.emit('data', 1, 'two', { three: 3 });
      return yield* fut;
    }
    expect(await run(main(), clock())).toEqual([1, 'two', { three: 3 }]);
    expect(emitter.listenerCount('data')).toBe(0);
    expect(emitter.listenerCount('error')).toBe(0);
  });

  it("fails with the very error an 'error' event carries, as Node's events.once does", async () => {
    const emitter = new EventEmitter();
    const boom = new Error('boom');
    function* main(): Coro<unknown> {
      const fut = once(emitter, 'data');
      emitter.emit('error', boom);
      try {
        yield* fut;
      } catch (e) {
        return e;
      }
      return undefined;
    }
    expect(await run(main(), clock())).toBe(boom);
    expect(emitter.listenerCount('data')).toBe(0);
    expect(emitter.listenerCount('error')).toBe(0);
  });

  it("resolves with the error's arguments when waiting for 'error' itself", async () => {
    const emitter = new EventEmitter();
    const boom = new Error('boom');
    function* main(): Coro<unknown[]> {
      const fut = once(emitter, 'error');
      expect(emitter.listenerCount('error')).toBe(1);
      emitter.emit('error', boom);
      return yield* fut;
    }
    const args = await run(main(), clock());
    expect(args[0]).toBe(boom);
  });

  it('removes both listeners when the future is cancelled', async () => {
    const emitter = new EventEmitter();
    function* main(): Coro<void> {
      const fut = once(emitter, 'data');
      fut.cancel();
      yield* sleep(0);
      expect(emitter.listenerCount('data')).toBe(0);
      expect(emitter.listenerCount('error')).toBe(0);
    }
    await run(main(), clock());
  });

  it('accepts symbol event names and addListener/removeListener-only emitters', async () => {
    const sym = Symbol('tick');
    const listeners = new Map<string | symbol, Set<(...a: unknown[]) => void>>();
    const emitter = {
      addListener(name: string | symbol, fn: (...a: unknown[]) => void) {
        if (!listeners.has(name)) listeners.set(name, new Set());
        listeners.get(name)?.add(fn);
      },
      removeListener(name: string | symbol, fn: (...a: unknown[]) => void) {
        listeners.get(name)?.delete(fn);
      },
      emit(name: string | symbol, ...args: unknown[]) {
        for (const fn of [...(listeners.get(name) ?? [])]) fn(...args);
      },
    };
    function* main(): Coro<unknown[]> {
      const fut = once(emitter, sym);
      emitter.emit(sym, 42);
      return yield* fut;
    }
    expect(await run(main(), clock())).toEqual([42]);
    expect(listeners.get(sym)?.size).toBe(0);
    expect(listeners.get('error')?.size).toBe(0);
  });
});

describe('once, bad input', () => {
  it('refuses a target that is neither an EventTarget nor an EventEmitter', async () => {
    function* main(): Coro<void> {
      expect(() => once({} as never, 'x')).toThrow(
        new TypeError(
          'once(): target must be an EventTarget (addEventListener/removeEventListener) or an ' +
            'EventEmitter (on/off or addListener/removeListener), got a plain object',
        ),
      );
      expect(() => once(new EventTarget(), Symbol('s') as never)).toThrow(
        new TypeError('once(): eventName must be a string, got Symbol(s)'),
      );
      expect(() => once(new EventEmitter(), 3 as never)).toThrow(
        new TypeError('once(): eventName must be a string or a symbol, got 3'),
      );
    }
    await run(main(), clock());
  });

  it('needs a running loop', () => {
    expect(() => once(new EventTarget(), 'x')).toThrow(/no running event loop/);
  });

  it('does not touch the future of a closed loop when a late event arrives', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const target = new CountingTarget();
    function* main(): Coro<void> {
      once(target, 'late');
    }
    await loop.runUntilComplete(main());
    loop.close();
    expect(() => target.dispatchEvent(new Event('late'))).not.toThrow();
    expect(target.listeners).toBe(0);
  });
});

/** Runs `fn` 10 ms later, from a task on the running loop (a jump on the test clock). */
function later(fn: () => void): void {
  createTask(
    (function* (): Coro<void> {
      yield* sleep(10);
      fn();
    })(),
  );
}
