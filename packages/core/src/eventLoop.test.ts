import { afterEach, describe, expect, test, vi } from 'vitest';
import { closeAfterTest, newLoop } from '../test/helpers';
import { TestClock } from '@aio/test-utils';
import { realClock } from './clock';
import type { Clock } from './types';
import { EventLoop } from './public';
import { CancelledError } from './exceptions';
import { Future } from './public';
import type { TimerHandle } from './public';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { Task } from './public';
import { eagerTaskFactory } from './taskFunctions';
import type { Coro, ExceptionContext, TaskFactory } from './types';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs the loop until `ms` of loop time have passed, then a few more iterations. */
async function runFor(loop: EventLoop, ms = 0): Promise<void> {
  await loop.runUntilComplete(
    (function* (): Coro<void> {
      if (ms > 0) yield* sleep(ms);
      for (let i = 0; i < 5; i++) yield;
    })(),
  );
}

describe('EventLoop construction', () => {
  test('rejects a clock that does not implement the Clock interface', () => {
    const bad = { now: () => 0 } as unknown as Clock;
    expect(() => new EventLoop({ clock: bad })).toThrow(TypeError);
    expect(() => new EventLoop({ clock: bad })).toThrow(
      'EventLoop(): clock must implement the Clock interface (now, setTimer, clearTimer), got Object {…}',
    );
    expect(() => new EventLoop({ clock: 42 as unknown as Clock })).toThrow(TypeError);
  });

  test('time() reads the clock', () => {
    const clock = new TestClock(1234);
    const loop = newLoop({ clock });
    expect(loop.time()).toBe(1234);
    clock.advance(6);
    expect(loop.time()).toBe(1240);
  });

  test('toString shows running, closed and debug', () => {
    const loop = newLoop();
    expect(loop.toString()).toBe('<EventLoop running=false closed=false debug=false>');
    loop.setDebug(true);
    loop.close();
    expect(loop.toString()).toBe('<EventLoop running=false closed=true debug=true>');
  });

  test('a loop made without a clock uses the real clock', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    const t0 = performance.now();
    const t = loop.time();
    expect(t).toBeGreaterThanOrEqual(t0);
    expect(t).toBeLessThanOrEqual(performance.now());
  });
});

describe('callSoon / callLater / callAt', () => {
  test('callSoon callbacks run in FIFO order', async () => {
    const loop = newLoop();
    const log: number[] = [];
    for (let i = 0; i < 10; i++) loop.callSoon(() => log.push(i));
    await runFor(loop);
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('a callback scheduled by a callback runs in the next iteration, after those already ready', async () => {
    const loop = newLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('a');
      loop.callSoon(() => log.push('a2'));
    });
    loop.callSoon(() => {
      log.push('b');
      loop.callSoon(() => log.push('b2'));
    });
    loop.callSoon(() => log.push('c'));
    await runFor(loop);
    expect(log).toEqual(['a', 'b', 'c', 'a2', 'b2']);
  });

  test('stop() ends the loop after the current iteration: what it scheduled waits for the next run', async () => {
    const loop = newLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('a');
      loop.callSoon(() => log.push('next iteration'));
    });
    loop.callSoon(() => {
      log.push('b');
      loop.stop();
    });
    loop.callSoon(() => log.push('c'));
    await loop.runForever();
    expect(log).toEqual(['a', 'b', 'c']);
    loop.stop();
    await loop.runForever();
    expect(log).toEqual(['a', 'b', 'c', 'next iteration']);
  });

  test('stop() called before running makes the next run do exactly one iteration', async () => {
    const loop = newLoop();
    const log: string[] = [];
    loop.callSoon(() => {
      log.push('first');
      loop.callSoon(() => log.push('second'));
    });
    loop.stop();
    await loop.runForever();
    expect(log).toEqual(['first']);
  });

  test('runForever resolves after stop() from a timer, with loop time advanced', async () => {
    const loop = newLoop();
    const running: boolean[] = [];
    loop.callLater(250, () => {
      running.push(loop.isRunning());
      loop.stop();
    });
    expect(loop.isRunning()).toBe(false);
    await loop.runForever();
    expect(running).toEqual([true]);
    expect(loop.isRunning()).toBe(false);
    expect(loop.time()).toBe(250);
  });

  test('on the real clock, runForever returns to the host while waiting and is running meanwhile', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    loop.callLater(10, () => loop.stop());
    const p = loop.runForever();
    expect(loop.isRunning()).toBe(true);
    await p;
    expect(loop.isRunning()).toBe(false);
  });

  test('timers fire by deadline; callLater and callAt share one order', async () => {
    const loop = newLoop();
    const log: string[] = [];
    loop.callLater(30, () => log.push(`c@${loop.time()}`));
    loop.callLater(10, () => log.push(`a@${loop.time()}`));
    loop.callAt(20, () => log.push(`b@${loop.time()}`));
    loop.callLater(-5, () => log.push(`past@${loop.time()}`));
    await runFor(loop, 40);
    expect(log).toEqual(['past@0', 'a@10', 'b@20', 'c@30']);
  });

  test('timers with equal deadlines fire in the order they were scheduled (FIFO)', async () => {
    const loop = newLoop();
    const log: number[] = [];
    for (let i = 0; i < 50; i++) {
      if (i % 2 === 0) loop.callLater(10, () => log.push(i));
      else loop.callAt(10, () => log.push(i));
    }
    await runFor(loop, 20);
    expect(log).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  test('due timers run after the callbacks that were ready, in the same iteration', async () => {
    const loop = newLoop();
    const log: string[] = [];
    loop.callLater(0, () => log.push('timer'));
    loop.callSoon(() => log.push('soon'));
    await runFor(loop);
    expect(log).toEqual(['soon', 'timer']);
  });

  test('timer callbacks receive their arguments', async () => {
    const loop = newLoop();
    const seen: unknown[] = [];
    loop.callLater(5, (a: number, b: number) => seen.push(a + b), 2, 3);
    loop.callAt(6, (s: string) => seen.push(s), 'at');
    await runFor(loop, 10);
    expect(seen).toEqual([5, 'at']);
  });

  test('compacts a heap where most of more than 100 timers are cancelled, and the rest still fire in order', async () => {
    const loop = newLoop();
    const fired: number[] = [];
    const handles: TimerHandle[] = [];
    for (let i = 1; i <= 300; i++) handles.push(loop.callLater(i, () => fired.push(i)));
    for (let i = 1; i <= 300; i++) if (i % 4 !== 0) handles[i - 1]?.cancel();
    // Cancel some survivors after the first iteration compacted the heap.
    loop.callSoon(() => {
      handles[99]?.cancel(); // 100
      handles[199]?.cancel(); // 200
    });
    await runFor(loop, 400);
    const expected = [];
    for (let i = 4; i <= 300; i += 4) if (i !== 100 && i !== 200) expected.push(i);
    expect(fired).toEqual(expected);
    // The loop still schedules new timers correctly afterwards.
    loop.callLater(1, () => fired.push(-1));
    await runFor(loop, 5);
    expect(fired.at(-1)).toBe(-1);
  });

  test('a cancelled timer at the top of the heap is skipped when looking for the next deadline', async () => {
    const loop = newLoop();
    const log: string[] = [];
    const early = loop.callLater(10, () => log.push('early'));
    loop.callLater(50, () => log.push(`late@${loop.time()}`));
    early.cancel();
    await runFor(loop, 60);
    expect(log).toEqual(['late@50']);
  });
});

describe('bad input', () => {
  test('callSoon rejects a non-function', () => {
    const loop = newLoop();
    expect(() => loop.callSoon(42 as unknown as () => void)).toThrow(TypeError);
    expect(() => loop.callSoon(42 as unknown as () => void)).toThrow(
      'callSoon(): callback must be a function, got 42',
    );
  });

  test('callLater rejects NaN and non-numbers, and a non-function callback', () => {
    const loop = newLoop();
    expect(() => loop.callLater(Number.NaN, () => {})).toThrow(RangeError);
    expect(() => loop.callLater(Number.NaN, () => {})).toThrow(
      'callLater(): delayMs must not be NaN',
    );
    expect(() => loop.callLater('5' as unknown as number, () => {})).toThrow(TypeError);
    expect(() => loop.callLater('5' as unknown as number, () => {})).toThrow(
      "callLater(): delayMs must be a number (milliseconds), got '5'",
    );
    expect(() => loop.callLater(5, 'x' as unknown as () => void)).toThrow(
      "callLater(): callback must be a function, got 'x'",
    );
  });

  test('callAt rejects a non-number deadline and NaN', () => {
    const loop = newLoop();
    expect(() => loop.callAt('x' as unknown as number, () => {})).toThrow(TypeError);
    expect(() => loop.callAt('x' as unknown as number, () => {})).toThrow(
      "callAt(): whenMs must be a number (milliseconds), got 'x'",
    );
    expect(() => loop.callAt(Number.NaN, () => {})).toThrow('callAt(): whenMs must not be NaN');
    expect(() => loop.callAt(1, null as unknown as () => void)).toThrow(
      'callAt(): callback must be a function, got null',
    );
  });

  test('setExceptionHandler rejects a non-function', () => {
    const loop = newLoop();
    expect(() => loop.setExceptionHandler('h' as never)).toThrow(TypeError);
    expect(() => loop.setExceptionHandler('h' as never)).toThrow(
      "setExceptionHandler(): handler must be a function or null, got 'h'",
    );
  });

  test('setTaskFactory rejects a non-function', () => {
    const loop = newLoop();
    expect(() => loop.setTaskFactory({} as never)).toThrow(
      'setTaskFactory(): factory must be a function or null, got Object {…}',
    );
  });
});

describe('closed loop', () => {
  test('cannot schedule, create tasks or run once closed; closing twice is harmless', async () => {
    const loop = newLoop();
    loop.close();
    loop.close();
    expect(loop.isClosed()).toBe(true);
    expect(() => loop.callSoon(() => {})).toThrow('Event loop is closed');
    expect(() => loop.callLater(1, () => {})).toThrow('Event loop is closed');
    expect(() => loop.callAt(1, () => {})).toThrow('Event loop is closed');
    function* main(): Coro<void> {}
    expect(() => loop.createTask(main())).toThrow('Event loop is closed');
    expect(() => new Task(main(), { loop })).toThrow('Event loop is closed');
    expect(() => loop.runForever()).toThrow('Event loop is closed');
    expect(() => loop.runUntilComplete(main())).toThrow('Event loop is closed');
  });

  test('closing drops pending callbacks and timers', async () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    const ran = vi.fn();
    loop.callSoon(ran);
    loop.callLater(10, ran);
    fut.addDoneCallback(ran);
    loop.close();
    // A done-callback of a future of a closed loop cannot be scheduled any more.
    expect(() => fut.setResult(1)).toThrow('Event loop is closed');
    expect(ran).not.toHaveBeenCalled();
  });

  test('close() while running throws', async () => {
    const loop = newLoop();
    let error: unknown;
    loop.callSoon(() => {
      try {
        loop.close();
      } catch (e) {
        error = e;
      }
      loop.stop();
    });
    await loop.runForever();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Cannot close a running event loop: stop it first');
    expect(loop.isClosed()).toBe(false);
  });
});

describe('runUntilComplete', () => {
  test('resolves with the result of a coroutine (wrapped in a task) or a future', async () => {
    const loop = newLoop();
    function* answer(): Coro<number> {
      yield* sleep(10);
      return 42;
    }
    await expect(loop.runUntilComplete(answer())).resolves.toBe(42);
    const fut = loop.createFuture<string>();
    loop.callLater(5, () => fut.setResult('ok'));
    await expect(loop.runUntilComplete(fut)).resolves.toBe('ok');
  });

  test('resolves with the result of a native promise', async () => {
    const loop = newLoop();
    await expect(loop.runUntilComplete(Promise.resolve('native'))).resolves.toBe('native');
  });

  test('rejects with the error of the awaitable, or CancelledError', async () => {
    const loop = newLoop();
    function* fail(): Coro<void> {
      yield;
      throw new TypeError('bad');
    }
    await expect(loop.runUntilComplete(fail())).rejects.toThrow(new TypeError('bad'));
    const fut = loop.createFuture<void>();
    loop.callSoon(() => fut.cancel('stop it'));
    const err = await loop.runUntilComplete(fut).catch((e) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect(err.message).toBe('stop it');
  });

  test('rejects with "Event loop stopped before Future completed." when stopped early', async () => {
    const loop = newLoop();
    const fut = loop.createFuture<void>();
    loop.callLater(10, () => loop.stop());
    await expect(loop.runUntilComplete(fut)).rejects.toThrow(
      new Error('Event loop stopped before Future completed.'),
    );
    expect(loop.isRunning()).toBe(false);
    // The future is untouched and the loop can run again.
    loop.callSoon(() => fut.setResult());
    await expect(loop.runUntilComplete(fut)).resolves.toBeUndefined();
  });

  test('throws when the loop is already running', async () => {
    const loop = newLoop();
    let error: unknown;
    function* main(): Coro<void> {
      try {
        void loop.runUntilComplete(sleep(1));
      } catch (e) {
        error = e;
      }
    }
    await loop.runUntilComplete(main());
    expect((error as Error).message).toBe('This event loop is already running');
    let error2: unknown;
    loop.callSoon(() => {
      try {
        void loop.runForever();
      } catch (e) {
        error2 = e;
      }
      loop.stop();
    });
    await loop.runForever();
    expect((error2 as Error).message).toBe('This event loop is already running');
  });

  test('throws when another loop is running', async () => {
    const a = newLoop();
    const b = newLoop();
    let error: unknown;
    a.callSoon(() => {
      try {
        void b.runUntilComplete(b.createFuture());
      } catch (e) {
        error = e;
      }
      a.stop();
    });
    await a.runForever();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'Cannot run the event loop while another loop is running: use yield* or createTask() inside a coroutine',
    );
    expect(b.isRunning()).toBe(false);
  });

  test('rejects with the error of a failing clock and leaves the loop stopped', async () => {
    const clock: Clock = {
      now: () => 0,
      setTimer: () => {
        throw new Error('no timers here');
      },
      clearTimer: () => {},
    };
    const loop = newLoop({ clock });
    await expect(loop.runUntilComplete(sleep(10))).rejects.toThrow('no timers here');
    expect(loop.isRunning()).toBe(false);
  });

  test('rejects a future of another loop', () => {
    const a = newLoop();
    const b = newLoop();
    expect(() => a.runUntilComplete(b.createFuture())).toThrow(
      'The future belongs to a different loop than the one specified as the loop argument',
    );
  });
});

describe('exception handler', () => {
  test('gets errors of callbacks; the loop goes on with the next callback', async () => {
    const loop = newLoop();
    const seen: Array<[EventLoop, ExceptionContext]> = [];
    const handler = (l: EventLoop, ctx: ExceptionContext) => seen.push([l, ctx]);
    loop.setExceptionHandler(handler);
    expect(loop.getExceptionHandler()).toBe(handler);
    const log: string[] = [];
    function fail() {
      throw new RangeError('r');
    }
    loop.callSoon(fail);
    loop.callSoon(() => log.push('after'));
    await runFor(loop);
    expect(log).toEqual(['after']);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[0]).toBe(loop);
    expect(seen[0]?.[1].message).toBe('Exception in callback fail()');
    expect(seen[0]?.[1].exception).toEqual(new RangeError('r'));
    loop.setExceptionHandler(null);
    expect(loop.getExceptionHandler()).toBeNull();
  });

  test('a throwing handler does not break the loop: the default handler reports it', async () => {
    const loop = newLoop();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handlerError = new Error('handler broke');
    loop.setExceptionHandler(() => {
      throw handlerError;
    });
    const log: string[] = [];
    loop.callSoon(() => {
      throw new Error('first');
    });
    loop.callSoon(() => log.push('still running'));
    await runFor(loop);
    expect(log).toEqual(['still running']);
    expect(errors).toHaveBeenCalledTimes(1);
    const [text, exc] = errors.mock.calls[0] as [string, unknown];
    expect(text.split('\n')[0]).toBe('Unhandled error in exception handler');
    expect(text).toContain('context: ');
    expect(exc).toBe(handlerError);
  });

  test('the default handler logs the message, the other fields and the exception with console.error', async () => {
    const loop = newLoop();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const err = new Error('oops');
    function broken() {
      throw err;
    }
    loop.callSoon(broken);
    await runFor(loop);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]).toEqual([
      'Exception in callback broken()\nhandle: <Handle broken()>',
      err,
    ]);
  });

  test('defaultExceptionHandler without an exception logs only the text', () => {
    const loop = newLoop();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    loop.defaultExceptionHandler({ message: 'something odd', detail: 'x' });
    loop.defaultExceptionHandler({ message: '' });
    expect(errors.mock.calls).toEqual([
      ["something odd\ndetail: 'x'"],
      ['Unhandled exception in event loop'],
    ]);
  });

  test('callExceptionHandler never throws, even when logging fails', () => {
    const loop = newLoop();
    const errors = vi
      .spyOn(console, 'error')
      .mockImplementationOnce(() => {
        throw new Error('console broken');
      })
      .mockImplementation(() => {});
    expect(() => loop.callExceptionHandler({ message: 'm', exception: 1 })).not.toThrow();
    expect(errors.mock.calls[1]?.[0]).toBe('Exception in default exception handler');
    expect(errors.mock.calls[1]?.[1]).toEqual(new Error('console broken'));

    errors.mockReset();
    errors
      .mockImplementationOnce(() => {
        throw new Error('console broken again');
      })
      .mockImplementation(() => {});
    loop.setExceptionHandler(() => {
      throw new Error('handler broken');
    });
    expect(() => loop.callExceptionHandler({ message: 'm' })).not.toThrow();
    expect(errors.mock.calls[1]?.[0]).toBe(
      'Exception in default exception handler while handling an error in a custom exception handler',
    );
  });
});

describe('debug mode', () => {
  test('setDebug / getDebug', () => {
    const loop = newLoop();
    expect(loop.getDebug()).toBe(false);
    loop.setDebug(true);
    expect(loop.getDebug()).toBe(true);
    expect(newLoop({ debug: true }).getDebug()).toBe(true);
  });

  test('warns with console.warn about a callback slower than slowCallbackDuration', async () => {
    const clock = new TestClock();
    const loop = newLoop({ clock, debug: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(loop.slowCallbackDuration).toBe(100);
    function slow() {
      clock.advance(150);
    }
    function fast() {
      clock.advance(99);
    }
    loop.callSoon(slow);
    loop.callSoon(fast);
    await runFor(loop);
    expect(warn.mock.calls).toEqual([['Executing <Handle slow()> took 150.000 ms']]);
    loop.slowCallbackDuration = 10;
    loop.callSoon(fast);
    await runFor(loop);
    expect(warn.mock.calls[1]).toEqual(['Executing <Handle fast()> took 99.000 ms']);
  });

  test('does not warn about slow callbacks when debug is off', async () => {
    const clock = new TestClock();
    const loop = newLoop({ clock });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    loop.callSoon(() => clock.advance(1000));
    await runFor(loop);
    expect(warn).not.toHaveBeenCalled();
  });

  test('captures a stack trace for CancelledError only in debug mode', async () => {
    for (const debug of [false, true]) {
      const loop = newLoop({ debug });
      const fut = loop.createFuture();
      fut.cancel('why');
      const e = (() => {
        try {
          fut.result();
        } catch (err) {
          return err as Error;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(CancelledError);
      expect(e?.message).toBe('why');
      expect(/\n\s+at /.test(e?.stack ?? '')).toBe(debug);
    }
  });
});

describe('task factory', () => {
  function* body(log: string[]): Coro<string> {
    log.push('start');
    yield;
    log.push('end');
    return 'r';
  }

  test('createTask uses the factory once set; null restores the default', async () => {
    const loop = newLoop();
    const calls: string[] = [];
    const factory: TaskFactory = (l, coro, opts) => {
      calls.push(opts?.name ?? '-');
      return new Task(coro, { ...opts, loop: l });
    };
    expect(loop.getTaskFactory()).toBeNull();
    loop.setTaskFactory(factory);
    expect(loop.getTaskFactory()).toBe(factory);
    const log: string[] = [];
    const t = loop.createTask(body(log), { name: 'made' });
    expect(calls).toEqual(['made']);
    expect(t.getName()).toBe('made');
    await expect(loop.runUntilComplete(t)).resolves.toBe('r');
    loop.setTaskFactory(null);
    expect(loop.getTaskFactory()).toBeNull();
    loop.createTask(body(log)).cancel();
    expect(calls).toEqual(['made']);
  });

  test('eagerTaskFactory runs a task synchronously up to its first suspension', async () => {
    const loop = newLoop();
    loop.setTaskFactory(eagerTaskFactory);
    const log: string[] = [];
    function* main(): Coro<void> {
      const t = loop.createTask(body(log));
      log.push('created');
      expect(yield* t).toBe('r');
    }
    await loop.runUntilComplete(main());
    expect(log).toEqual(['start', 'created', 'end']);
  });
});

describe('living in the host', () => {
  test('a callback scheduled from the host wakes an idle loop', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    const fut = loop.createFuture<string>();
    setTimeout(() => loop.callSoon(() => fut.setResult('from host')), 5);
    await expect(loop.runUntilComplete(fut)).resolves.toBe('from host');
  });

  test('stop() from the host wakes an idle loop', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    setTimeout(() => loop.stop(), 5);
    await loop.runForever();
    expect(loop.isRunning()).toBe(false);
  });

  test('a timer scheduled from the host wakes an idle loop', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    const fut = loop.createFuture<number>();
    setTimeout(() => loop.callLater(1, () => fut.setResult(7)), 5);
    await expect(loop.runUntilComplete(fut)).resolves.toBe(7);
  });

  test('a loop waiting for a timer does not busy-wait', async () => {
    let reads = 0;
    const real = new EventLoop();
    closeAfterTest(real);
    const spy: Clock = {
      now: () => {
        reads++;
        return real.time();
      },
      setTimer: (d, w) => realClock.setTimer(d, w),
      clearTimer: (t) => realClock.clearTimer(t),
    };
    const loop = newLoop({ clock: spy });
    function* main(): Coro<void> {
      yield* sleep(50);
    }
    await loop.runUntilComplete(main());
    // A handful of reads per iteration, a few iterations: far from a spin.
    expect(reads).toBeLessThan(30);
  });

  test('a task spinning on sleep(0) does not starve a host setTimeout callback', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    let spins = 0;
    function* spinner(): Coro<void> {
      for (;;) {
        spins++;
        yield* sleep(0);
      }
    }
    function* main(): Coro<string> {
      const t = getRunningLoop().createTask(spinner());
      setTimeout(() => t.cancel('host says stop'), 5);
      try {
        yield* t;
        return 'spinner finished?';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    }
    await expect(loop.runUntilComplete(main())).resolves.toBe('CancelledError: host says stop');
    expect(spins).toBeGreaterThan(1);
  });

  test('holds a pending task strongly: a fire-and-forget task survives garbage collection', async () => {
    const loop = new EventLoop();
    closeAfterTest(loop);
    const log: string[] = [];
    function* forgotten(): Coro<void> {
      yield* sleep(20);
      log.push('still alive');
    }
    function* main(): Coro<void> {
      getRunningLoop().createTask(forgotten());
      yield* sleep(1);
      (globalThis as { gc?: () => void }).gc?.();
      yield* sleep(40);
    }
    await loop.runUntilComplete(main());
    expect(log).toEqual(['still alive']);
  });
});

describe('futures of the loop', () => {
  test('createFuture makes a pending future bound to the loop', () => {
    const loop = newLoop();
    const fut = loop.createFuture<number>();
    expect(fut).toBeInstanceOf(Future);
    expect(fut.getLoop()).toBe(loop);
    expect(fut.done()).toBe(false);
  });
});
