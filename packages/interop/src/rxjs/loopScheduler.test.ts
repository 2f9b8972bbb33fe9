import { type Coro, EventLoop, getRunningLoop, run, runSync, sleep } from '@aio/core';
import {
  auditTime,
  bufferTime,
  debounceTime,
  delay,
  interval,
  map,
  merge,
  type Observable,
  type SchedulerAction,
  type SchedulerLike,
  sampleTime,
  take,
  throttleTime,
  timeout,
  timer,
  VirtualTimeScheduler,
} from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { loopScheduler } from './loopScheduler';

type Rec = [time: number, kind: 'N' | 'E' | 'C', value?: unknown];

/** Runs a pipeline on an aio loop with a virtual clock (synchronously: no waiting). */
function recordOnLoop(build: (s: SchedulerLike) => Observable<unknown>): Rec[] {
  function* main(): Coro<Rec[]> {
    const loop = getRunningLoop();
    const out: Rec[] = [];
    const done = loop.createFuture<void>();
    build(loopScheduler()).subscribe({
      next: (v) => out.push([loop.time(), 'N', v]),
      error: (e: unknown) => {
        out.push([loop.time(), 'E', (e as Error).name]);
        done.setResult();
      },
      complete: () => {
        out.push([loop.time(), 'C']);
        done.setResult();
      },
    });
    yield* done;
    return out;
  }
  return runSync(main(), { clock: new TestClock() });
}

/** Runs the same pipeline on RxJS's own VirtualTimeScheduler. */
function recordOnRx(build: (s: SchedulerLike) => Observable<unknown>): Rec[] {
  const s = new VirtualTimeScheduler();
  const out: Rec[] = [];
  build(s).subscribe({
    next: (v) => out.push([s.now(), 'N', v]),
    error: (e: unknown) => out.push([s.now(), 'E', (e as Error).name]),
    complete: () => out.push([s.now(), 'C']),
  });
  s.flush();
  return out;
}

/** Emissions at the given times (a hot-ish source built on the scheduler). */
function at(s: SchedulerLike, events: Array<[number, string]>): Observable<string> {
  return merge(...events.map(([t, v]) => timer(t, s).pipe(map(() => v))));
}

const BURSTY: Array<[number, string]> = [
  [0, 'a'],
  [30, 'b'],
  [40, 'c'],
  [45, 'd'],
  [200, 'e'],
  [210, 'f'],
  [500, 'g'],
];

const PIPELINES: Record<string, (s: SchedulerLike) => Observable<unknown>> = {
  'interval + take': (s) => interval(1000, s).pipe(take(3)),
  'timer with a period': (s) => timer(50, 20, s).pipe(take(4)),
  delay: (s) => at(s, BURSTY).pipe(delay(25, s)),
  debounceTime: (s) => at(s, BURSTY).pipe(debounceTime(20, s)),
  throttleTime: (s) => at(s, BURSTY).pipe(throttleTime(35, s)),
  'throttleTime trailing': (s) =>
    at(s, BURSTY).pipe(throttleTime(35, s, { leading: true, trailing: true })),
  auditTime: (s) => at(s, BURSTY).pipe(auditTime(25, s)),
  sampleTime: (s) => at(s, BURSTY).pipe(sampleTime(100, s), take(5)),
  bufferTime: (s) => at(s, BURSTY).pipe(bufferTime(100, s), take(6)),
  'timeout (fires)': (s) => at(s, BURSTY).pipe(timeout({ each: 150, scheduler: s })),
  'timeout (does not fire)': (s) => at(s, BURSTY).pipe(timeout({ each: 400, scheduler: s })),
};

describe('loopScheduler', () => {
  it('runs interval(1000).pipe(take(3)) at virtual 1000, 2000, 3000 without waiting', () => {
    // runSync throws if the loop would have to wait for the host: it completes
    // synchronously, so no real time passes.
    expect(recordOnLoop((s) => interval(1000, s).pipe(take(3)))).toEqual([
      [1000, 'N', 0],
      [2000, 'N', 1],
      [3000, 'N', 2],
      [3000, 'C'],
    ]);
  });

  for (const [name, build] of Object.entries(PIPELINES)) {
    it(`gives the same notifications at the same times as VirtualTimeScheduler: ${name}`, () => {
      const expected = recordOnRx(build);
      expect(expected.length).toBeGreaterThan(1);
      expect(recordOnLoop(build)).toEqual(expected);
    });
  }

  it('debounces as expected (explicit marble-style expectation)', () => {
    expect(recordOnLoop((s) => at(s, BURSTY).pipe(debounceTime(20, s)))).toEqual([
      [20, 'N', 'a'],
      [65, 'N', 'd'],
      [230, 'N', 'f'],
      [500, 'N', 'g'],
      [500, 'C'],
    ]);
  });

  it("reads the loop's clock in now()", async () => {
    function* main(): Coro<number[]> {
      const s = loopScheduler();
      const t0 = s.now();
      yield* sleep(250);
      return [t0, s.now(), getRunningLoop().time()];
    }
    expect(await run(main(), { clock: new TestClock() })).toEqual([0, 250, 250]);
  });

  it('reuses the same action for a periodic reschedule and keeps its period', () => {
    function* main(): Coro<[number[], boolean]> {
      const loop = getRunningLoop();
      const times: number[] = [];
      const actions = new Set<SchedulerAction<number>>();
      const done = loop.createFuture<void>();
      loopScheduler().schedule(
        function (this: SchedulerAction<number>, n = 0) {
          actions.add(this);
          times.push(loop.time());
          if (n < 3) this.schedule(n + 1, 100);
          else done.setResult();
        },
        100,
        0,
      );
      yield* done;
      return [times, actions.size === 1];
    }
    expect(runSync(main(), { clock: new TestClock() })).toEqual([[100, 200, 300, 400], true]);
  });

  it('runs due actions in scheduling order for equal deadlines', () => {
    function* main(): Coro<string[]> {
      const log: string[] = [];
      const s = loopScheduler();
      s.schedule(() => log.push('a'), 10);
      s.schedule(() => log.push('b'), 5);
      s.schedule(() => log.push('c'), 10);
      s.schedule(() => log.push('d'), -5); // counts as 0
      yield* sleep(20);
      return log;
    }
    expect(runSync(main(), { clock: new TestClock() })).toEqual(['d', 'b', 'a', 'c']);
  });

  it('never runs an unsubscribed action, nor one with an infinite delay; rescheduling replaces', () => {
    function* main(): Coro<string[]> {
      const log: string[] = [];
      const s = loopScheduler();
      s.schedule(() => log.push('cancelled'), 10).unsubscribe();
      s.schedule(() => log.push('infinite'), Number.POSITIVE_INFINITY);
      const a = s.schedule<string>((v) => log.push(`moved ${v}`), 10, 'first');
      (a as SchedulerAction<string>).schedule('second', 30);
      yield* sleep(50);
      return log;
    }
    expect(runSync(main(), { clock: new TestClock() })).toEqual(['moved second']);
  });

  it("sends an action's error to the loop's exception handler and closes the action", async () => {
    const boom = new Error('boom');
    const seen: unknown[] = [];
    function* main(): Coro<boolean> {
      getRunningLoop().setExceptionHandler((_l, ctx) => seen.push(ctx.exception));
      const action = loopScheduler().schedule(function (this: SchedulerAction<void>) {
        this.schedule(undefined, 10);
        throw boom;
      }, 5);
      yield* sleep(50);
      return action.closed;
    }
    expect(await run(main(), { clock: new TestClock() })).toBe(true);
    expect(seen).toEqual([boom]);
  });

  it('works on the real clock too', async () => {
    function* main(): Coro<number[]> {
      const s = loopScheduler();
      const out: number[] = [];
      const loop = getRunningLoop();
      const done = loop.createFuture<void>();
      timer(5, s)
        .pipe(delay(5, s))
        .subscribe({ next: (v) => out.push(v), complete: () => done.setResult() });
      yield* done;
      return out;
    }
    expect(await run(main())).toEqual([0]);
  });

  it('is one scheduler per loop, and needs a loop', () => {
    const loop = new EventLoop();
    expect(loopScheduler(loop)).toBe(loopScheduler(loop));
    expect(() => loopScheduler()).toThrow(
      new Error(
        'loopScheduler(): no running event loop: call it from a coroutine or a loop callback, ' +
          'or pass the loop: loopScheduler(loop)',
      ),
    );
    expect(() => loopScheduler({} as never)).toThrow(
      new TypeError('loopScheduler(): loop must be an aio EventLoop, got a plain object'),
    );
  });
});
