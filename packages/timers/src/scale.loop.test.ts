// The loop's timer queue at scale, observed through the public API only: how many
// host timers it arms (a spy clock), the order it fires millions of timers in
// (VirtualClock), and what cancelled timers still hold (the garbage collector).
import {
  type Clock,
  type Coro,
  type IdleInfo,
  type TimerHandle,
  createTask,
  getRunningLoop,
  run,
  runSync,
  sleep,
  wrapPromise,
} from '@aio/core';
import { describe, expect, it } from 'vitest';
import { wasCollected, seededRandom } from '@aio/test-utils';
import { VirtualClock } from './virtualClock';

/** A clock over a manual VirtualClock that records how the loop uses it. */
class SpyClock implements Clock {
  readonly inner = new VirtualClock({ autojump: false });
  setTimerCalls = 0;
  clearTimerCalls = 0;
  armed = 0;
  maxArmed = 0;
  readonly #live = new Set<object>();
  now(): number {
    return this.inner.now();
  }
  setTimer(deadline: number, wake: () => void): unknown {
    this.setTimerCalls++;
    const token = {
      inner: undefined as unknown,
    };
    this.#live.add(token);
    this.maxArmed = Math.max(this.maxArmed, this.#live.size);
    token.inner = this.inner.setTimer(deadline, () => {
      this.#live.delete(token);
      wake();
    });
    return token;
  }
  clearTimer(token: unknown): void {
    this.clearTimerCalls++;
    const t = token as { inner: unknown };
    this.#live.delete(t);
    this.inner.clearTimer(t.inner);
  }
}

/** An autojump VirtualClock that counts the loop's advanceIdle calls. */
class CountingClock extends VirtualClock {
  idleCalls = 0;
  override advanceIdle(deadline: number, info: IdleInfo): boolean {
    this.idleCalls++;
    return super.advanceIdle(deadline, info);
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('the loop timer queue at scale', () => {
  it('arms one host timer at a time for 100 000 timers, once per distinct deadline', async () => {
    const clock = new SpyClock();
    const rand = seededRandom(42);
    const delays = Array.from({ length: 100_000 }, () => Math.floor(rand() * 1001));
    const distinct = new Set(delays).size;
    let fired = 0;
    let last = -1;
    let outOfOrder = 0;
    function* main(): Coro<void> {
      const loop = getRunningLoop();
      const done = loop.createFuture<void>();
      for (const d of delays) {
        loop.callLater(d, () => {
          const t = loop.time();
          if (t < last) outOfOrder++;
          last = t;
          if (++fired === delays.length) done.setResult(undefined);
        });
      }
      yield* done;
    }
    const result = run(main(), { clock });
    await flush();
    expect(clock.setTimerCalls).toBe(1); // idle, waiting for the earliest deadline only
    clock.inner.advance(1000);
    await result;
    expect(fired).toBe(100_000);
    expect(outOfOrder).toBe(0);
    expect(clock.maxArmed).toBe(1);
    // One arm per distinct deadline at most (deadline 0 needs none: it is due at once).
    expect(clock.setTimerCalls).toBeLessThanOrEqual(distinct);
    expect(clock.setTimerCalls).toBeGreaterThanOrEqual(distinct - 1);
  });

  it('asks an autojump clock to jump once per distinct deadline, not once per timer', () => {
    const clock = new CountingClock();
    const rand = seededRandom(3);
    const delays = Array.from({ length: 100_000 }, () => Math.floor(rand() * 1001));
    const distinct = new Set(delays.filter((d) => d > 0)).size;
    function* main(): Coro<number> {
      const loop = getRunningLoop();
      let fired = 0;
      for (const d of delays) loop.callLater(d, () => fired++);
      yield* sleep(1001);
      return fired;
    }
    expect(runSync(main(), { clock })).toBe(100_000);
    expect(clock.idleCalls).toBe(distinct + 1); // + the final sleep(1001)
  });

  it('wakes 1 000 000 sleeping tasks in deadline order, equal deadlines first-come first-served', () => {
    const n = 1_000_000;
    const rand = seededRandom(1234);
    const delays = new Int16Array(n);
    for (let i = 0; i < n; i++) delays[i] = Math.floor(rand() * 1001);
    const order = new Int32Array(n);
    let k = 0;
    function* sleeper(i: number): Coro<void> {
      yield* sleep(delays[i]!);
      order[k++] = i;
    }
    function* main(): Coro<number> {
      for (let i = 0; i < n; i++) createTask(sleeper(i));
      yield* sleep(2000);
      return getRunningLoop().time();
    }
    expect(runSync(main(), { clock: new VirtualClock() })).toBe(2000);
    expect(k).toBe(n);
    // Expected: by delay, then by creation index (a stable counting sort).
    const starts = new Int32Array(1002);
    for (let i = 0; i < n; i++) starts[delays[i]! + 1]!++;
    for (let d = 1; d < 1002; d++) starts[d]! += starts[d - 1]!;
    const expected = new Int32Array(n);
    for (let i = 0; i < n; i++) expected[starts[delays[i]!]!++] = i;
    let firstMismatch = -1;
    for (let i = 0; i < n && firstMismatch < 0; i++)
      if (order[i] !== expected[i]) firstMismatch = i;
    expect(firstMismatch).toBe(-1);
  }, 120_000); // a million tasks: seconds of work, not a timing assertion

  it('drops the callback and arguments of a cancelled timer at once', async () => {
    const payload = { ref: undefined as WeakRef<object> | undefined };
    function* main(): Coro<boolean> {
      const loop = getRunningLoop();
      let big: object | undefined = { data: new Array(10_000).fill(7) };
      payload.ref = new WeakRef(big);
      const handle = loop.callLater(1000, (x: object) => x, big);
      big = undefined;
      handle.cancel();
      // The handle itself is still in the heap (lazy deletion), but holds nothing.
      return yield* wrapPromise(wasCollected(payload.ref));
    }
    expect(await run(main(), { clock: new VirtualClock() })).toBe(true);
  });

  it('keeps cancelled timers until they are more than half, then compacts them away', async () => {
    function* main(): Coro<[boolean, boolean]> {
      const loop = getRunningLoop();
      const handles: Array<TimerHandle | undefined> = [];
      for (let i = 0; i < 1000; i++) handles.push(loop.callLater(60_000, () => {}));
      const refs = handles.map((h) => new WeakRef(h!));
      // Cancel the last 400 (not at the top of the heap): below half, deleted lazily.
      for (let i = 600; i < 1000; i++) {
        handles[i]!.cancel();
        handles[i] = undefined;
      }
      yield;
      const heldWhileFew = !(yield* wrapPromise(wasCollected(refs[999]!)));
      // 200 more: 600 of 1000 cancelled, the next iteration compacts the heap.
      for (let i = 400; i < 600; i++) {
        handles[i]!.cancel();
        handles[i] = undefined;
      }
      yield;
      const freedWhenMany = yield* wrapPromise(wasCollected(refs[999]!));
      for (let i = 400; i < 1000; i++)
        if (refs[i]!.deref() !== undefined) return [heldWhileFew, false];
      for (let i = 0; i < 400; i++) handles[i]!.cancel();
      return [heldWhileFew, freedWhenMany];
    }
    expect(await run(main(), { clock: new VirtualClock() })).toEqual([true, true]);
  });
});
