// VirtualClock driving real @aio/core loops through run() and runSync().
import {
  type Coro,
  EventLoop,
  RealClock,
  createTask,
  getRunningLoop,
  run,
  runSync,
  sleep,
  wrapPromise,
} from '@aio/core';
import { describe, expect, it, vi } from 'vitest';
import { RunawayLoopError } from './errors';
import { ScaledClock } from './scaledClock';
import { VirtualClock } from './virtualClock';

/** A program whose printed lines and loop.time() readings the clocks must agree on. */
function* timeline(log: string[], times: number[]): Coro<string> {
  const loop = getRunningLoop();
  const t0 = loop.time();
  const mark = (what: string): void => {
    log.push(what);
    times.push(loop.time() - t0);
  };
  const a = createTask(
    (function* () {
      yield* sleep(30);
      mark('a after 30');
    })(),
  );
  loop.callLater(10, () => mark('callLater 10'));
  yield* sleep(20);
  mark('main after 20');
  yield* a;
  yield* sleep(5);
  mark('main after 35');
  return 'done';
}

describe('VirtualClock with a loop', () => {
  it('runs a program without waiting and reads exact virtual times', async () => {
    const log: string[] = [];
    const times: number[] = [];
    const clock = new VirtualClock();
    expect(await run(timeline(log, times), { clock })).toBe('done');
    expect(log).toEqual(['callLater 10', 'main after 20', 'a after 30', 'main after 35']);
    expect(times).toEqual([10, 20, 30, 35]);
    expect(clock.now()).toBe(35);
  });

  it('prints the same lines as the real clock, whose readings are never earlier', async () => {
    const virtualLog: string[] = [];
    const virtualTimes: number[] = [];
    await run(timeline(virtualLog, virtualTimes), { clock: new VirtualClock() });
    const realLog: string[] = [];
    const realTimes: number[] = [];
    await run(timeline(realLog, realTimes), { clock: new RealClock() });
    expect(realLog).toEqual(virtualLog);
    realTimes.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(virtualTimes[i]!);
    });
  });

  it('runs the same program synchronously with runSync()', () => {
    const log: string[] = [];
    const times: number[] = [];
    const clock = new VirtualClock({ start: 5000 });
    expect(runSync(timeline(log, times), { clock })).toBe('done');
    expect(times).toEqual([10, 20, 30, 35]);
    expect(clock.now()).toBe(5035);
  });

  it('makes runSync() fail, naming the waiting task, when autojump is off', () => {
    function* main(): Coro<void> {
      yield* sleep(100);
    }
    expect(() => runSync(main(), { clock: new VirtualClock({ autojump: false }) })).toThrow(
      /the next timer is due at 100 ms and the clock cannot move time itself/,
    );
  });

  it('holds virtual time still while a wrapped native promise is pending', async () => {
    const seen: string[] = [];
    function* main(): Coro<number> {
      const loop = getRunningLoop();
      createTask(
        (function* () {
          yield* sleep(1000);
          seen.push(`sleeper at ${loop.time()}`);
        })(),
      );
      const value = yield* wrapPromise(new Promise<number>((r) => setTimeout(() => r(7), 15)));
      seen.push(`promise settled at ${loop.time()}`);
      yield* sleep(2000);
      seen.push(`main at ${loop.time()}`);
      return value;
    }
    expect(await run(main(), { clock: new VirtualClock() })).toBe(7);
    expect(seen).toEqual(['promise settled at 0', 'sleeper at 1000', 'main at 2000']);
  });

  it('warns when it holds time for a promise that only the loop itself can settle', async () => {
    const warnings: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation((m: unknown) => {
      warnings.push(String(m));
    });
    try {
      const clock = new VirtualClock({ holdWarningMs: 50 });
      function* main(): Coro<string> {
        const task = createTask(sleep(100, 'done'));
        // A native promise that settles when the task does: only virtual time can do it,
        // and vitest keeps the host busy, so the clock holds time for it.
        return yield* wrapPromise(task.then((v) => v));
      }
      const running = run(main(), { clock });
      await new Promise((r) => setTimeout(r, 150));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^VirtualClock: virtual time has been held at 0 ms for \d+\.\d s of real time, waiting for 1 pending wrapped native promise \(wrapPromise\)\. A promise that depends on this loop itself/,
      );
      clock.advance(100); // the test moves time: the task ends, the promise settles
      expect(await running).toBe('done');
    } finally {
      warn.mockRestore();
    }
  });

  it('does not warn about a hold that ended, nor with holdWarningMs: Infinity', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      function* main(): Coro<number> {
        return yield* wrapPromise(new Promise<number>((r) => setTimeout(() => r(7), 10)));
      }
      expect(await run(main(), { clock: new VirtualClock({ holdWarningMs: 30 }) })).toBe(7);
      const quiet = new VirtualClock({ holdWarningMs: Number.POSITIVE_INFINITY });
      function* slow(): Coro<number> {
        return yield* wrapPromise(new Promise<number>((r) => setTimeout(() => r(8), 60)));
      }
      expect(await run(slow(), { clock: quiet })).toBe(8);
      await new Promise((r) => setTimeout(r, 60));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a bad holdWarningMs, saying what was wrong', () => {
    expect(() => new VirtualClock({ holdWarningMs: -1 })).toThrow(
      'VirtualClock: holdWarningMs must be a number >= 0 (or Infinity), got -1',
    );
  });

  it('lets a test step a loop with advance() when autojump is off', async () => {
    const clock = new VirtualClock({ autojump: false });
    const seen: number[] = [];
    function* main(): Coro<string> {
      const loop = getRunningLoop();
      for (let i = 0; i < 3; i++) {
        yield* sleep(100);
        seen.push(loop.time());
      }
      return 'finished';
    }
    let finished = false;
    const done = run(main(), { clock }).then((r) => {
      finished = true;
      return r;
    });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(seen).toEqual([]);
    expect(clock.nextDeadline()).toBe(100);
    clock.advance(99);
    expect(seen).toEqual([]);
    clock.advance(151);
    expect(seen).toEqual([100, 200]); // each timer ran at its own deadline
    expect(clock.now()).toBe(250);
    clock.advance(50);
    expect(seen).toEqual([100, 200, 300]);
    expect(await done).toBe('finished');
    expect(finished).toBe(true);
  });

  it('stops a program that keeps scheduling zero-delay timers with RunawayLoopError', async () => {
    const reported: unknown[] = [];
    function* main(): Coro<void> {
      const loop = getRunningLoop();
      loop.setExceptionHandler((_loop, ctx) => reported.push(ctx.exception));
      const again = (): void => {
        loop.callLater(0, again);
      };
      loop.callLater(0, again);
      yield* sleep(10); // never reached: time cannot move
    }
    // The limit may be hit by the loop's own reading or by the one inside callLater
    // (user code, whose errors the loop reports and survives): both must stop it.
    for (const stallLimit of [50_000, 50_001, 50_002]) {
      const clock = new VirtualClock({ stallLimit });
      const error = await run(main(), { clock }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RunawayLoopError);
      expect((error as RunawayLoopError).instant).toBe(0);
      expect(() => runSync(main(), { clock: new VirtualClock({ stallLimit }) })).toThrow(
        RunawayLoopError,
      );
    }
    // When callLater's reading tripped the guard, the callback's error was reported.
    for (const e of reported) expect(e).toBeInstanceOf(RunawayLoopError);
  });

  it('stops a task spinning on sleep(0) while another task waits for a timer', () => {
    function* spin(): Coro<void> {
      for (;;) yield* sleep(0);
    }
    function* main(): Coro<void> {
      createTask(spin());
      yield* sleep(1000);
    }
    expect(() => runSync(main(), { clock: new VirtualClock({ stallLimit: 10_000 }) })).toThrow(
      /VirtualClock read more than 10000 times at virtual time 0 ms/,
    );
  });

  it('does not trip the default guard for 200 000 timers scheduled at one instant', () => {
    function* main(): Coro<number> {
      const loop = getRunningLoop();
      let fired = 0;
      for (let i = 0; i < 200_000; i++) loop.callLater(1, () => fired++);
      yield* sleep(2);
      return fired;
    }
    expect(runSync(main(), { clock: new VirtualClock() })).toBe(200_000);
  });

  it('steps two loops sharing one manual clock, each timer at its own deadline', async () => {
    const clock = new VirtualClock({ autojump: false });
    const seen: string[] = [];
    function* worker(name: string, step: number): Coro<void> {
      for (let i = 0; i < 3; i++) {
        yield* sleep(step);
        seen.push(`${name}@${clock.now()}`);
      }
    }
    const a = new EventLoop({ clock });
    const b = new EventLoop({ clock });
    const done = Promise.all([
      a.runUntilComplete(worker('a', 10)),
      b.runUntilComplete(worker('b', 25)),
    ]);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    clock.advance(100);
    await done;
    a.close();
    b.close();
    expect(seen).toEqual(['a@10', 'a@20', 'b@25', 'a@30', 'b@50', 'b@75']);
  });

  it('runs a ScaledClock program over a VirtualClock at the scaled times', async () => {
    const base = new VirtualClock();
    const clock = new ScaledClock({ rate: 10, base });
    const times: number[] = [];
    await run(timeline([], times), { clock });
    expect(times).toEqual([10, 20, 30, 35]);
    expect(base.now()).toBeCloseTo(3.5, 9);
  });
});
