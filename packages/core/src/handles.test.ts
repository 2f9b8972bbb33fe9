import { describe, expect, test, vi } from 'vitest';
import { closeAfterTest, newLoop } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { ContextVar, copyContext } from './contextvars';
import { EventLoop } from './public';
import { Handle, TimerHandle } from './public';
import { sleep } from './sleep';
import type { Coro, ExceptionContext } from './types';

/** Runs the loop until `ms` of loop time have passed, then a few more iterations. */
async function drain(loop: EventLoop, ms = 0): Promise<void> {
  await loop.runUntilComplete(
    (function* (): Coro<void> {
      if (ms > 0) yield* sleep(ms);
      for (let i = 0; i < 5; i++) yield;
    })(),
  );
}

describe('Handle', () => {
  test('callSoon returns a Handle that runs the callback with its arguments', async () => {
    const loop = newLoop();
    const seen: unknown[] = [];
    const h = loop.callSoon((a: number, b: string) => seen.push(a, b), 1, 'x');
    expect(h).toBeInstanceOf(Handle);
    expect(h.cancelled()).toBe(false);
    await drain(loop);
    expect(seen).toEqual([1, 'x']);
  });

  test('a cancelled handle does not run, and cancel() is idempotent', async () => {
    const loop = newLoop();
    const log: string[] = [];
    const h = loop.callSoon(() => log.push('cancelled one'));
    loop.callSoon(() => log.push('other'));
    h.cancel();
    h.cancel();
    expect(h.cancelled()).toBe(true);
    await drain(loop);
    expect(log).toEqual(['other']);
  });

  test('a handle cancelled by an earlier callback of the same iteration does not run', async () => {
    const loop = newLoop();
    const log: string[] = [];
    let second: Handle | undefined;
    loop.callSoon(() => {
      log.push('first');
      second?.cancel();
    });
    second = loop.callSoon(() => log.push('second'));
    await drain(loop);
    expect(log).toEqual(['first']);
  });

  test('toString shows the callback and its arguments, and the cancelled state', () => {
    const loop = newLoop();
    function greet(_who: string, _n: number) {}
    const h = loop.callSoon(greet, 'bob', 2);
    expect(h.toString()).toBe("<Handle greet('bob', 2)>");
    h.cancel();
    expect(h.toString()).toBe('<Handle cancelled>');
  });

  test('in debug mode a cancelled handle keeps its callback for toString', () => {
    const loop = newLoop({ debug: true });
    function greet() {}
    const h = loop.callSoon(greet);
    h.cancel();
    expect(h.toString()).toBe('<Handle cancelled greet()>');
  });

  test('a throwing callback goes to the exception handler with message, exception and handle', async () => {
    const loop = newLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => contexts.push(ctx));
    const err = new Error('boom');
    function explode(_n: number) {
      throw err;
    }
    const h = loop.callSoon(explode, 7);
    const after = vi.fn();
    loop.callSoon(after);
    await drain(loop);
    expect(contexts).toHaveLength(1);
    expect(contexts[0]?.message).toBe('Exception in callback explode(7)');
    expect(contexts[0]?.exception).toBe(err);
    expect(contexts[0]?.handle).toBe(h);
    expect(after).toHaveBeenCalledTimes(1);
  });

  test('a callback runs in the context current when it was scheduled', async () => {
    const loop = newLoop();
    const v = new ContextVar<string>('v', { default: 'outer' });
    const seen: string[] = [];
    const ctx = copyContext();
    ctx.run(() => {
      v.set('inner');
      loop.callSoon(() => seen.push(v.get()));
    });
    loop.callSoon(() => seen.push(v.get()));
    await drain(loop);
    expect(seen).toEqual(['inner', 'outer']);
  });

  test('a callback setting a variable does not leak it to the next callback', async () => {
    const loop = newLoop();
    const v = new ContextVar<number>('v', { default: 0 });
    const seen: number[] = [];
    loop.callSoon(() => {
      v.set(1);
      seen.push(v.get());
    });
    loop.callSoon(() => seen.push(v.get()));
    await drain(loop);
    expect(seen).toEqual([1, 0]);
    expect(v.get()).toBe(0);
  });
});

describe('TimerHandle', () => {
  test('when() is the deadline on the loop clock', () => {
    const clock = new TestClock(500);
    const loop = new EventLoop({ clock });
    closeAfterTest(loop);
    const h = loop.callLater(100, () => {});
    expect(h).toBeInstanceOf(TimerHandle);
    expect(h.when()).toBe(600);
    expect(loop.callAt(42, () => {}).when()).toBe(42);
  });

  test('toString shows the deadline and the cancelled state', () => {
    const loop = newLoop();
    function tick() {}
    const h = loop.callLater(100, tick);
    expect(h.toString()).toBe('<TimerHandle when=100 tick()>');
    h.cancel();
    expect(h.cancelled()).toBe(true);
    expect(h.toString()).toBe('<TimerHandle cancelled when=100 <cancelled>()>');
  });

  test('a cancelled timer does not run; cancelling twice is harmless', async () => {
    const loop = newLoop();
    const log: string[] = [];
    const h = loop.callLater(10, () => log.push('cancelled'));
    loop.callLater(20, () => log.push('kept'));
    h.cancel();
    h.cancel();
    await drain(loop, 30);
    expect(log).toEqual(['kept']);
  });

  test('cancelling a timer that already ran changes nothing', async () => {
    const loop = newLoop();
    const log: string[] = [];
    const h = loop.callLater(10, () => log.push('ran'));
    await drain(loop, 20);
    h.cancel();
    expect(h.cancelled()).toBe(true);
    loop.callLater(5, () => log.push('next'));
    await drain(loop, 10);
    expect(log).toEqual(['ran', 'next']);
  });
});
