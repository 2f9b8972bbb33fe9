import { afterEach, describe, expect, test, vi } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { hostNow, RealClock, realClock, scheduleMacrotask } from './clock';
import { EventLoop } from './public';
import { run } from './runner';
import { getRunningLoop } from './runningLoop';
import { sleep } from './sleep';
import { createTask } from './taskFunctions';
import type { Clock, Coro } from './types';

describe('RealClock', () => {
  test('never wakes before its deadline, even with fractional deadlines (regression)', async () => {
    const c = new RealClock();
    const early: number[] = [];
    const waits: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      const deadline = c.now() + (i % 10) + 0.5;
      waits.push(
        new Promise<void>((resolve) =>
          c.setTimer(deadline, () => {
            if (c.now() < deadline) early.push(deadline - c.now());
            resolve();
          }),
        ),
      );
    }
    await Promise.all(waits);
    expect(early).toEqual([]);
  });

  test('now() is performance.now(), monotonic', () => {
    const c = new RealClock();
    const a = c.now();
    const b = c.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Math.abs(a - performance.now())).toBeLessThan(1000);
    expect(Math.abs(hostNow() - performance.now())).toBeLessThan(1000);
    expect(String(c)).toBe('<RealClock>');
    expect(realClock).toBeInstanceOf(RealClock);
  });

  test('setTimer wakes once the deadline has passed; clearTimer cancels', async () => {
    const c = new RealClock();
    const deadline = c.now() + 10;
    const woke = await new Promise<number>((resolve) =>
      c.setTimer(deadline, () => resolve(c.now())),
    );
    expect(woke).toBeGreaterThanOrEqual(deadline - 1);
    const never = vi.fn();
    const token = c.setTimer(c.now() + 5, never);
    c.clearTimer(token);
    // A deadline in the past fires too (not synchronously).
    const past = vi.fn();
    c.setTimer(c.now() - 100, past);
    expect(past).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 20));
    expect(never).not.toHaveBeenCalled();
    expect(past).toHaveBeenCalledTimes(1);
  });

  test('a deadline beyond the host limit is clamped, not fired at once: the timer re-arms', () => {
    const MAX = 2_147_483_647;
    const armed: Array<{ fn: () => void; delay: number }> = [];
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      fn: () => void,
      delay: number,
    ) => {
      armed.push({ fn, delay });
      return armed.length as unknown as ReturnType<typeof setTimeout>;
    }) as typeof setTimeout);
    try {
      const c = new RealClock();
      const fired = vi.fn();
      c.setTimer(c.now() + 10 * MAX, fired);
      // Node fires a timeout longer than 2^31-1 ms at once: the clock asks for the
      // longest delay the host accepts instead.
      expect(armed.map((a) => a.delay)).toEqual([MAX]);
      // When that host timer fires, the deadline is still far: it re-arms, clamped again,
      // and does not wake the loop.
      armed[0]?.fn();
      expect(fired).not.toHaveBeenCalled();
      expect(armed.map((a) => a.delay)).toEqual([MAX, MAX]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('scheduleMacrotask', () => {
  test('runs the function in a later host task, after pending microtasks', async () => {
    const log: string[] = [];
    await new Promise<void>((resolve) => {
      scheduleMacrotask(() => {
        log.push('macrotask');
        resolve();
      });
      queueMicrotask(() => log.push('microtask'));
      log.push('sync');
    });
    expect(log).toEqual(['sync', 'microtask', 'macrotask']);
  });
});

describe('scheduleMacrotask on hosts without setImmediate', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  test('uses a MessageChannel, one message per call, in FIFO order', async () => {
    vi.stubGlobal('setImmediate', undefined);
    vi.resetModules();
    const mod = await import('./clock');
    const log: number[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 5; i++) mod.scheduleMacrotask(() => log.push(i));
      mod.scheduleMacrotask(resolve);
    });
    expect(log).toEqual([0, 1, 2, 3, 4]);
  });

  test('falls back to setTimeout without setImmediate and MessageChannel', async () => {
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal('MessageChannel', undefined);
    vi.resetModules();
    const mod = await import('./clock');
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      mod.scheduleMacrotask(() => {
        order.push('macrotask');
        resolve();
      });
      queueMicrotask(() => order.push('microtask'));
    });
    expect(order).toEqual(['microtask', 'macrotask']);
  });

  test('without performance, time comes from Date.now()', async () => {
    vi.stubGlobal('performance', undefined);
    vi.resetModules();
    const mod = await import('./clock');
    const t = mod.hostNow();
    expect(Math.abs(t - Date.now())).toBeLessThan(1000);
  });
});

describe('the Clock seam', () => {
  test('a clock built on the public interface alone drives a loop (a 10x faster clock)', async () => {
    const fast: Clock = {
      now: () => realClock.now() * 10,
      setTimer: (deadline, wake) => realClock.setTimer(deadline / 10, wake),
      clearTimer: (token) => realClock.clearTimer(token),
    };
    const out = await run(
      (function* () {
        const loop = getRunningLoop();
        const t0 = loop.time();
        yield* sleep(100);
        return loop.time() - t0;
      })(),
      { clock: fast },
    );
    expect(out).toBeGreaterThanOrEqual(100);
  });

  test('advanceIdle is offered the next deadline and is told about pending host work', async () => {
    const calls: Array<[number, number]> = [];
    const clock = new TestClock();
    const spy: Clock = {
      now: () => clock.now(),
      setTimer: (d, w) => clock.setTimer(d, w),
      clearTimer: (t) => clock.clearTimer(t),
      advanceIdle: (deadline, info) => {
        calls.push([deadline, info.hostPending]);
        expect(info.loop).toBeInstanceOf(EventLoop);
        return clock.advanceIdle(deadline, info);
      },
    };
    await run(
      (function* () {
        createTask(sleep(300));
        yield* sleep(100);
      })(),
      { clock: spy },
    );
    expect(calls[0]).toEqual([100, 0]);
  });

  test('a clock that declines to move is woken through setTimer', async () => {
    const clock = new TestClock(0, false);
    const loop = new EventLoop({ clock });
    const done = loop.runUntilComplete(sleep(50, 'woke'));
    expect(clock.setTimerCalls).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    clock.advance(50);
    await expect(done).resolves.toBe('woke');
    loop.close();
  });

  test('an early wake re-arms the timer', async () => {
    let wakeEarly: (() => void) | undefined;
    let now = 0;
    let armed = 0;
    const clock: Clock = {
      now: () => now,
      setTimer: (_d, wake) => {
        armed++;
        wakeEarly = wake;
        return armed;
      },
      clearTimer: () => {},
    };
    const loop = new EventLoop({ clock });
    const done = loop.runUntilComplete(sleep(100, 'ok'));
    expect(armed).toBe(1);
    now = 50;
    wakeEarly?.();
    expect(armed).toBe(2);
    now = 100;
    wakeEarly?.();
    await expect(done).resolves.toBe('ok');
    loop.close();
  });
});

function* unused(): Coro<void> {}
void unused;
