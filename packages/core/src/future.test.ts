import { afterEach, describe, expect, test, vi } from 'vitest';
import { newLoop } from '../test/helpers';
import { wasCollected } from '@aio/test-utils';
import { ContextVar, copyContext } from './contextvars';
import type { EventLoop } from './public';
import { CancelledError, InvalidStateError } from './exceptions';
import { isFuture } from './future';
import { Future } from './public';
import { run, runSync } from './runner';
import { getRunningLoop } from './runningLoop';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

afterEach(() => {
  vi.restoreAllMocks();
});

async function settle(loop: EventLoop, iterations = 5): Promise<void> {
  await loop.runUntilComplete(
    (function* (): Coro<void> {
      for (let i = 0; i < iterations; i++) yield;
    })(),
  );
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('Future construction', () => {
  test('without a loop and outside a running loop throws', () => {
    expect(() => new Future()).toThrow('no running event loop');
  });

  test('binds to the given loop, or to the running loop', () => {
    const loop = newLoop();
    expect(new Future({ loop }).getLoop()).toBe(loop);
    const inner = runSync(
      (function* () {
        return new Future().getLoop() === getRunningLoop();
      })(),
    );
    expect(inner).toBe(true);
  });

  test('isFuture tells futures from promises and other values', () => {
    const loop = newLoop();
    expect(isFuture(loop.createFuture())).toBe(true);
    expect(isFuture(Promise.resolve(1))).toBe(false);
    // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose
    expect(isFuture({ then() {} })).toBe(false);
    expect(isFuture(null)).toBe(false);
  });
});

describe('Future states', () => {
  test('a pending future: result() and exception() throw InvalidStateError', () => {
    const fut = newLoop().createFuture();
    expect(fut.done()).toBe(false);
    expect(fut.cancelled()).toBe(false);
    const r = thrown(() => fut.result());
    expect(r).toBeInstanceOf(InvalidStateError);
    expect((r as Error).message).toBe('Result is not ready.');
    const x = thrown(() => fut.exception());
    expect(x).toBeInstanceOf(InvalidStateError);
    expect((x as Error).message).toBe('Exception is not set.');
  });

  test('a finished future gives its result; exception() is undefined', () => {
    const fut = newLoop().createFuture<number>();
    fut.setResult(3);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(false);
    expect(fut.result()).toBe(3);
    expect(fut.exception()).toBeUndefined();
  });

  test('a failed future throws its exception from result() and returns it from exception()', () => {
    const fut = newLoop().createFuture<number>();
    const err = new RangeError('bad');
    fut.setException(err);
    expect(fut.done()).toBe(true);
    expect(thrown(() => fut.result())).toBe(err);
    expect(fut.exception()).toBe(err);
  });

  test('any value but undefined can be set as the exception', () => {
    const fut = newLoop().createFuture();
    fut.setException('a string');
    expect(fut.exception()).toBe('a string');
  });

  test('a cancelled future throws CancelledError with the message from result() and exception()', () => {
    const fut = newLoop().createFuture();
    expect(fut.cancel('no need')).toBe(true);
    expect(fut.done()).toBe(true);
    expect(fut.cancelled()).toBe(true);
    const r = thrown(() => fut.result());
    expect(r).toBeInstanceOf(CancelledError);
    expect((r as Error).message).toBe('no need');
    const x = thrown(() => fut.exception());
    expect(x).toBeInstanceOf(CancelledError);
    expect((x as Error).message).toBe('no need');
  });

  test('cancel() is false on a done future and changes nothing', () => {
    const loop = newLoop();
    const a = loop.createFuture<number>();
    a.setResult(1);
    expect(a.cancel()).toBe(false);
    expect(a.result()).toBe(1);
    const b = loop.createFuture();
    b.cancel();
    expect(b.cancel()).toBe(false);
  });

  test('setResult / setException on a done future throw InvalidStateError', () => {
    const fut = newLoop().createFuture<number>();
    fut.setResult(1);
    const e1 = thrown(() => fut.setResult(2));
    expect(e1).toBeInstanceOf(InvalidStateError);
    expect((e1 as Error).message).toBe(
      'setResult(): the future is already done: <Future finished result=1>',
    );
    const e2 = thrown(() => fut.setException(new Error('x')));
    expect(e2).toBeInstanceOf(InvalidStateError);
    expect((e2 as Error).message).toBe(
      'setException(): the future is already done: <Future finished result=1>',
    );
    const c = newLoop().createFuture();
    c.cancel();
    expect(() => c.setResult(undefined)).toThrow(
      'setResult(): the future is already done: <Future cancelled>',
    );
  });

  test('setException(undefined) throws TypeError and leaves the future pending', () => {
    const fut = newLoop().createFuture();
    const e = thrown(() => fut.setException(undefined));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe('setException(): exception must not be undefined');
    expect(fut.done()).toBe(false);
  });

  test('toString shows the state', () => {
    const loop = newLoop();
    const a = loop.createFuture<number>();
    expect(a.toString()).toBe('<Future pending>');
    a.setResult(1);
    expect(a.toString()).toBe('<Future finished result=1>');
    const b = loop.createFuture();
    b.setException(new Error('boom'));
    expect(b.toString()).toBe("<Future finished exception=Error('boom')>");
    b.exception(); // retrieved: nothing to report when it is collected
    const c = loop.createFuture();
    c.cancel();
    expect(c.toString()).toBe('<Future cancelled>');
    const d = loop.createFuture<string>();
    d.setResult('s');
    expect(String(d)).toBe("<Future finished result='s'>");
  });
});

describe('done callbacks', () => {
  test('are scheduled with callSoon, in registration order, never called synchronously', async () => {
    const loop = newLoop();
    const fut = loop.createFuture<string>();
    const log: string[] = [];
    fut.addDoneCallback((f) => log.push(`a:${f.result()}`));
    fut.addDoneCallback((f) => log.push(`b:${f.result()}`));
    loop.callSoon(() => log.push('scheduled before'));
    fut.setResult('x');
    expect(log).toEqual([]);
    loop.callSoon(() => log.push('scheduled after'));
    await settle(loop);
    expect(log).toEqual(['scheduled before', 'a:x', 'b:x', 'scheduled after']);
  });

  test('added to an already-done future, are scheduled at once with callSoon', async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    fut.setResult(1);
    const log: string[] = [];
    loop.callSoon(() => log.push('soon1'));
    fut.addDoneCallback(() => log.push('cb'));
    loop.callSoon(() => log.push('soon2'));
    expect(log).toEqual([]);
    await settle(loop);
    // CPython 3.13: ['soon1', 'cb', 'soon2']
    expect(log).toEqual(['soon1', 'cb', 'soon2']);
  });

  test('run when the future is cancelled or fails, too', async () => {
    const loop = newLoop();
    const a = loop.createFuture();
    const b = loop.createFuture();
    const log: string[] = [];
    a.addDoneCallback((f) => log.push(`a cancelled=${f.cancelled()}`));
    b.addDoneCallback((f) => log.push(`b ${(f.exception() as Error).message}`));
    a.cancel();
    b.setException(new Error('err'));
    await settle(loop);
    expect(log).toEqual(['a cancelled=true', 'b err']);
  });

  test('removeDoneCallback removes every registration and returns the count', async () => {
    const loop = newLoop();
    const fut = loop.createFuture();
    const log: string[] = [];
    const cb = () => log.push('cb');
    const other = () => log.push('other');
    expect(fut.removeDoneCallback(cb)).toBe(0);
    fut.addDoneCallback(cb);
    fut.addDoneCallback(other);
    fut.addDoneCallback(cb);
    expect(fut.removeDoneCallback(cb)).toBe(2);
    expect(fut.removeDoneCallback(cb)).toBe(0);
    fut.setResult(undefined);
    await settle(loop);
    expect(log).toEqual(['other']);
    expect(fut.removeDoneCallback(other)).toBe(0);
  });

  test('addDoneCallback rejects a non-function', () => {
    const fut = newLoop().createFuture();
    expect(() => fut.addDoneCallback('x' as never)).toThrow(TypeError);
    expect(() => fut.addDoneCallback('x' as never)).toThrow(
      "addDoneCallback(): cb must be a function, got 'x'",
    );
  });

  test('run in the context given, or in the context current when they were added', async () => {
    const loop = newLoop();
    const v = new ContextVar<string>('v', { default: 'default' });
    const fut = loop.createFuture();
    const log: string[] = [];
    const ctx = copyContext();
    ctx.run(() => v.set('explicit'));
    copyContext().run(() => {
      v.set('captured');
      fut.addDoneCallback(() => log.push(`implicit:${v.get()}`));
    });
    fut.addDoneCallback(() => log.push(`given:${v.get()}`), { context: ctx });
    fut.setResult(undefined);
    // Also for an already-done future.
    fut.addDoneCallback(() => log.push(`late given:${v.get()}`), { context: ctx });
    copyContext().run(() => {
      v.set('late captured');
      fut.addDoneCallback(() => log.push(`late implicit:${v.get()}`));
    });
    await settle(loop);
    expect(log).toEqual([
      'implicit:captured',
      'given:explicit',
      'late given:explicit',
      'late implicit:late captured',
    ]);
  });

  test('a callback whose context is already entered is reported, not run', async () => {
    const loop = newLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    const ctx = copyContext();
    const fut = loop.createFuture();
    const ran = vi.fn();
    function onDone() {
      ran();
    }
    fut.addDoneCallback(onDone, { context: ctx });
    fut.setResult(1);
    await ctx.run(() => settle(loop));
    expect(ran).not.toHaveBeenCalled();
    expect(handler).toHaveBeenCalledTimes(1);
    const ctxArg = handler.mock.calls[0]?.[1];
    expect(ctxArg.message).toBe('Exception in callback onDone(<Future finished result=1>)');
    expect(ctxArg.exception.message).toBe(
      'cannot enter context: <Context size=0> is already entered',
    );
  });
});

describe('yield* on a future', () => {
  test('suspends the task until the future is done and evaluates to its result', () => {
    const out = runSync(
      (function* () {
        const loop = getRunningLoop();
        const fut = loop.createFuture<number>();
        loop.callSoon(() => fut.setResult(5));
        return yield* fut;
      })(),
    );
    expect(out).toBe(5);
  });

  test('throws the exception of a failed future into the coroutine', () => {
    const out = runSync(
      (function* () {
        const fut = getRunningLoop().createFuture<number>();
        getRunningLoop().callSoon(() => fut.setException(new Error('nope')));
        try {
          yield* fut;
          return 'no error';
        } catch (e) {
          return (e as Error).message;
        }
      })(),
    );
    expect(out).toBe('nope');
  });

  test('throws CancelledError with the message for a cancelled future', () => {
    const out = runSync(
      (function* () {
        const fut = getRunningLoop().createFuture<number>();
        getRunningLoop().callSoon(() => fut.cancel('gone'));
        try {
          yield* fut;
          return 'no error';
        } catch (e) {
          return `${(e as Error).name}:${(e as Error).message}`;
        }
      })(),
    );
    expect(out).toBe('CancelledError:gone');
  });

  test('on an already-done future does not suspend: no loop iteration passes', () => {
    const log = runSync(
      (function* () {
        const loop = getRunningLoop();
        const log: string[] = [];
        const fut = loop.createFuture<number>();
        fut.setResult(1);
        loop.callSoon(() => log.push('callback'));
        for (let i = 0; i < 3; i++) log.push(`got ${yield* fut}`);
        log.push('after');
        yield;
        return log;
      })(),
    );
    expect(log).toEqual(['got 1', 'got 1', 'got 1', 'after', 'callback']);
  });

  test('the same future can be awaited by several tasks and many times', () => {
    const out = runSync(
      (function* () {
        const loop = getRunningLoop();
        const fut = loop.createFuture<string>();
        function* reader(n: number): Coro<string> {
          const a = yield* fut;
          const b = yield* fut;
          return `${n}:${a}${b}`;
        }
        const ts = [createTask(reader(1)), createTask(reader(2))];
        loop.callLater(0, () => fut.setResult('x'));
        const results: string[] = [];
        for (const t of ts) results.push(yield* t);
        return results;
      })(),
    );
    expect(out).toEqual(['1:xx', '2:xx']);
  });

  test('a future of another loop throws TypeError into the coroutine', () => {
    const other = newLoop();
    const foreign = other.createFuture<number>();
    const out = runSync(
      (function* () {
        try {
          yield* foreign;
          return 'awaited';
        } catch (e) {
          return e;
        }
      })(),
    );
    expect(out).toBeInstanceOf(TypeError);
    expect((out as Error).message).toMatch(
      /^Task <Task pending name='Task-\d+'> got Future <Future pending> attached to a different loop$/,
    );
  });
});

describe('then() (Promise interop)', () => {
  test('await on a future in native code gets its result', async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    loop.callLater(10, () => fut.setResult(9));
    const done = loop.runUntilComplete(fut);
    expect(await fut).toBe(9);
    await done;
    // Already done: resolves too.
    await expect(fut).resolves.toBe(9);
  });

  test('a failed future rejects with its exception, a cancelled one with CancelledError', async () => {
    const loop = newLoop();
    const failed = loop.createFuture();
    failed.setException(new Error('bad'));
    await expect(failed).rejects.toThrow('bad');
    const cancelled = loop.createFuture();
    cancelled.cancel('msg');
    const e = (await Promise.resolve(cancelled).catch((x: Error) => x)) as Error;
    expect(e).toBeInstanceOf(CancelledError);
    expect(e.message).toBe('msg');
    const later = loop.createFuture();
    const p = Promise.resolve(later).catch((x: Error) => x) as Promise<Error>;
    loop.callSoon(() => later.cancel('later'));
    await settle(loop);
    expect((await p).message).toBe('later');
    const laterFail = loop.createFuture();
    const q = Promise.resolve(laterFail).catch((x: Error) => x) as Promise<Error>;
    loop.callSoon(() => laterFail.setException(new Error('later fail')));
    await settle(loop);
    expect((await q).message).toBe('later fail');
  });

  test('then() on a pending future settles when the future completes', async () => {
    const loop = newLoop();
    const ok = loop.createFuture<number>();
    const bad = loop.createFuture<number>();
    const gone = loop.createFuture<number>();
    const p1 = ok.then((v) => `ok ${v}`);
    const p2 = bad.then(null, (e) => `bad ${(e as Error).message}`);
    const p3 = gone.then(null, (e) => `${(e as Error).name} ${(e as Error).message}`);
    loop.callSoon(() => {
      ok.setResult(1);
      bad.setException(new Error('x'));
      gone.cancel('bye');
    });
    await settle(loop);
    expect(await Promise.all([p1, p2, p3])).toEqual(['ok 1', 'bad x', 'CancelledError bye']);
  });

  test('then() passes through onFulfilled and onRejected', async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    fut.setResult(2);
    await expect(fut.then((v) => v * 10)).resolves.toBe(20);
    const bad = loop.createFuture<number>();
    bad.setException(new Error('e'));
    await expect(bad.then(null, (e) => `handled ${(e as Error).message}`)).resolves.toBe(
      'handled e',
    );
  });
});

describe('exceptions never retrieved', () => {
  const gc = (globalThis as { gc?: () => void }).gc;

  async function collect(): Promise<void> {
    for (let i = 0; i < 6; i++) {
      gc?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  }

  test('gc is exposed in these tests', () => {
    expect(typeof gc).toBe('function');
  });

  test('a failed future garbage-collected without its exception retrieved is reported', async () => {
    const loop = newLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    (() => {
      loop.createFuture().setException(new Error('lost future error'));
    })();
    await collect();
    expect(handler).toHaveBeenCalledTimes(1);
    const ctx = handler.mock.calls[0]?.[1];
    expect(handler.mock.calls[0]?.[0]).toBe(loop);
    expect(ctx.message).toBe('Future exception was never retrieved');
    expect(ctx.exception.message).toBe('lost future error');
    expect(ctx.futureDescription).toBe("<Future finished exception=Error('lost future error')>");
  });

  test('is not reported when the exception was retrieved (exception(), result(), yield*, then)', async () => {
    const loop = newLoop();
    const handler = vi.fn();
    loop.setExceptionHandler(handler);
    const refs: WeakRef<object>[] = [];
    (() => {
      const a = loop.createFuture();
      a.setException(new Error('a'));
      a.exception();
      const b = loop.createFuture();
      b.setException(new Error('b'));
      try {
        b.result();
      } catch {}
      const c = loop.createFuture();
      c.setException(new Error('c'));
      void Promise.resolve(c).catch(() => {});
      refs.push(new WeakRef(a), new WeakRef(b), new WeakRef(c));
    })();
    await run(
      (function* () {
        const d = getRunningLoop().createFuture();
        refs.push(new WeakRef(d));
        d.setException(new Error('d'));
        try {
          yield* d;
        } catch {}
      })(),
    );
    // Proof that there was something to report: every future is gone.
    const alive: number[] = [];
    for (const [i, ref] of refs.entries()) if (!(await wasCollected(ref))) alive.push(i);
    expect(alive).toEqual([]);
    await collect();
    expect(handler).not.toHaveBeenCalled();
  });
});
