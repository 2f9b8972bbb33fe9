import { type Coro, createTask, getRunningLoop, sleep, wrapPromise } from '@aio/core';
import { describe, expect, it, vi } from 'vitest';
import {
  RunawayLoopError,
  runVirtual,
  runVirtualSync,
  UnhandledErrors,
  VirtualClock,
} from './testing';

function* slowAnswer(): Coro<number> {
  yield* sleep(5000);
  return 42;
}

describe('@aio/timers/testing', () => {
  it('runVirtual() resolves with the result and the virtual time taken', async () => {
    const { result, elapsed, clock } = await runVirtual(slowAnswer());
    expect(result).toBe(42);
    expect(elapsed).toBe(5000);
    expect(clock).toBeInstanceOf(VirtualClock);
  });

  it('runVirtualSync() returns the same at once', () => {
    expect(runVirtualSync(slowAnswer())).toMatchObject({ result: 42, elapsed: 5000 });
  });

  it('measures from the clock it was given, wherever it started', () => {
    const clock = new VirtualClock({ start: 1_000_000 });
    const run = runVirtualSync(slowAnswer(), { clock });
    expect(run.elapsed).toBe(5000);
    expect(run.clock).toBe(clock);
    expect(clock.now()).toBe(1_005_000);
  });

  it('counts the time leftover tasks take to clean up after main returns', async () => {
    function* main(): Coro<string> {
      createTask(
        (function* () {
          try {
            yield* sleep(60_000);
          } finally {
            yield* sleep(250); // cleanup that takes time
          }
        })(),
      );
      yield* sleep(100);
      return 'main done';
    }
    expect(await runVirtual(main())).toMatchObject({ result: 'main done', elapsed: 350 });
  });

  it("rejects with main's error", async () => {
    function* failing(): Coro<never> {
      yield* sleep(10);
      throw new RangeError('bad input');
    }
    await expect(runVirtual(failing())).rejects.toThrow(new RangeError('bad input'));
    expect(() => runVirtualSync(failing())).toThrow(new RangeError('bad input'));
  });

  it('passes clock options through, the runaway guard included', async () => {
    function* spin(): Coro<void> {
      const loop = getRunningLoop();
      const again = (): void => {
        loop.callLater(0, again);
      };
      again();
      yield* sleep(1000);
    }
    await expect(runVirtual(spin(), { stallLimit: 5000 })).rejects.toThrow(RunawayLoopError);
    expect(runVirtualSync(slowAnswer(), { start: 300 }).clock.now()).toBe(5300);
  });

  it('waits for wrapped native promises in runVirtual(), which runVirtualSync() cannot', async () => {
    function* fetchLike(): Coro<string> {
      const body = yield* wrapPromise(Promise.resolve('body'));
      yield* sleep(20);
      return body;
    }
    expect(await runVirtual(fetchLike())).toMatchObject({ result: 'body', elapsed: 20 });
    expect(() => runVirtualSync(fetchLike())).toThrow(/wrapped native promise/);
  });

  it('refuses a clock that is not a VirtualClock, and non-object options', async () => {
    expect(() => runVirtualSync(slowAnswer(), { clock: {} as unknown as VirtualClock })).toThrow(
      new TypeError('runVirtualSync: options.clock must be a VirtualClock, got [object Object]'),
    );
    await expect(runVirtual(slowAnswer(), 5 as unknown as object)).rejects.toThrow(
      new TypeError('runVirtual: options must be an object, got 5'),
    );
  });
});

describe('errors nobody handled', () => {
  function* failing(): Coro<void> {
    yield* sleep(5);
    throw new RangeError('lost in the background');
  }
  function* main(): Coro<string> {
    createTask(failing(), { name: 'bg' }); // never awaited
    yield* sleep(10);
    return 'ok';
  }
  const expected =
    "runVirtual(): 1 error that nobody handled reached the loop's exception handler " +
    '(pass { failOnUnhandled: false } to allow them):\n' +
    '  Task exception was never retrieved: RangeError("lost in the background")';

  it('fail the run: runVirtual rejects and runVirtualSync throws UnhandledErrors', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const e = await runVirtual(main()).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(UnhandledErrors);
      expect((e as Error).message).toBe(expected);
      expect((e as UnhandledErrors).errors[0]).toBeInstanceOf(RangeError);
      expect((e as UnhandledErrors).contexts[0]?.message).toBe(
        'Task exception was never retrieved',
      );
      expect(() => runVirtualSync(main())).toThrow(
        expected.replace('runVirtual()', 'runVirtualSync()'),
      );
      // The default handler still printed them.
      expect(printed).toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it('pass with failOnUnhandled: false, or when the program sets its own handler', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await runVirtual(main(), { failOnUnhandled: false })).result).toBe('ok');
      const seen: string[] = [];
      function* handled(): Coro<string> {
        getRunningLoop().setExceptionHandler((_l, ctx) => seen.push(ctx.message));
        return yield* main();
      }
      expect(runVirtualSync(handled()).result).toBe('ok');
      expect(seen).toEqual(['Task exception was never retrieved']);
    } finally {
      printed.mockRestore();
    }
  });
});
