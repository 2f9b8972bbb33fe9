import { type Coro, getRunningLoop, Queue, run, sleep } from '@aio/core';
import { VirtualClock } from '@aio/timers';
import { describe, expect, it } from 'vitest';
import type { AttemptEvent, Outcome } from './crawler';
import { addAttempt, emptyView, type ProgressView, trackProgress } from './progress';

function ev(path: string, outcome: Outcome, at: number, final = true, ms = 10): AttemptEvent {
  return { path, attempt: 1, outcome, ms, at, final, found: 5 };
}

describe('the progress totals', () => {
  it('count requests, pages done, failures by kind, retries and abandoned requests', () => {
    const events = [
      ev('/', 'ok', 10, true, 10),
      ev('/a', 'http 500', 20, false),
      ev('/a', 'ok', 130, true, 40),
      ev('/n', 'timeout', 800, false),
      ev('/n', 'timeout', 1700, true),
      ev('/m', 'http 404', 30, true),
      ev('/c', 'cancelled', 1800),
    ];
    const v = events.reduce(addAttempt, emptyView());
    expect(v).toMatchObject({
      requests: 7,
      done: 4,
      ok: 2,
      retried: 2,
      abandoned: 3,
      cancelled: 1,
      slowest: { path: '/a', ms: 40 },
      lastAt: 1800,
    });
    expect([...v.failed]).toEqual([
      ['timeout', 1],
      ['http 404', 1],
    ]);
    expect([...v.errors]).toEqual([
      ['http 500', 1],
      ['timeout', 2],
      ['http 404', 1],
    ]);
  });
});

describe('the progress pipeline (RxJS on the loop clock)', () => {
  it('ticks on loop time with the latest totals and rate, reports troubles, ends with the queue', async () => {
    const ticks: string[] = [];
    const troubles: string[] = [];
    function* main(): Coro<ProgressView> {
      const loop = getRunningLoop();
      const events = new Queue<AttemptEvent>();
      const final = trackProgress(events, {
        tickMs: 100,
        rateWindowMs: 200,
        onTick: (v) => ticks.push(`${loop.time()}: ${v.done} done, ${v.rate}/s`),
        onTrouble: (e) => troubles.push(`${loop.time()}: ${e.path} ${e.outcome}`),
      });
      yield* sleep(50);
      events.putNowait(ev('/', 'ok', 50));
      events.putNowait(ev('/a', 'http 500', 50, false));
      yield* sleep(200);
      events.putNowait(ev('/a', 'ok', 250));
      yield* sleep(200);
      events.shutdown();
      return yield* final;
    }
    const v = await run(main(), { clock: new VirtualClock() });
    expect(troubles).toEqual(['50: /a http 500']);
    // Sampled every 100 ms when something changed. The rate counts the pages done in
    // the last complete 200 ms window: [0, 200) has '/' (at 50), [200, 400) has '/a'
    // (at 250): 1 page in 200 ms = 5/s each; none is complete at 100.
    expect(ticks).toEqual([
      '100: 1 done, 0/s',
      '200: 1 done, 5/s',
      '300: 2 done, 5/s',
      '400: 2 done, 5/s',
    ]);
    expect(v).toMatchObject({ requests: 3, done: 2, ok: 2 });
  });
});
