/**
 * The crawl's progress, computed by RxJS: the crawler's `events` queue becomes an
 * Observable (`toObservable` from `@aio/interop/rxjs`, reading `queue.iter()`), and operators fold it
 * into totals, a rate over a sliding window and a line sampled for the terminal. Every
 * time operator runs on `loopScheduler()`, so on a `VirtualClock` the progress lines
 * come at the same virtual times every run.
 *
 * @module
 */

import { currentTask, type Future, getRunningLoop, type Queue } from '@aio/core';
import { fromObservable, loopScheduler, toObservable } from '@aio/interop/rxjs';
import { bufferTime, combineLatest, filter, map, sampleTime, scan, share, startWith } from 'rxjs';
import type { AttemptEvent, Outcome } from './crawler';

/** What the progress pipeline knows after some requests. */
export interface ProgressView {
  /** Requests made. */
  readonly requests: number;
  /** Pages found so far. */
  readonly found: number;
  /** Pages done (fetched, or failed for good). */
  readonly done: number;
  /** Pages fetched. */
  readonly ok: number;
  /** Pages that failed for good, by their last outcome. */
  readonly failed: ReadonlyMap<Outcome, number>;
  /** Failed requests that the crawler retried (or was to retry, after a backoff). */
  readonly retried: number;
  /** Failed requests, by outcome (retried ones included). */
  readonly errors: ReadonlyMap<Outcome, number>;
  /** Requests the crawler gave up on (timed out, or cancelled with the crawl), so aborted. */
  readonly abandoned: number;
  /** Requests cancelled with the crawl (Ctrl-C). */
  readonly cancelled: number;
  /** The slowest request that succeeded. */
  readonly slowest: { readonly path: string; readonly ms: number } | undefined;
  /** Loop time of the last request's end (ms), or `undefined` before the first. */
  readonly lastAt: number | undefined;
  /** Pages done per second over the last rate window. */
  readonly rate: number;
}

/**
 * Nothing done yet.
 *
 * @example
 * ```ts
 * emptyView().requests; // 0
 * ```
 */
export function emptyView(): ProgressView {
  return {
    requests: 0,
    found: 1,
    done: 0,
    ok: 0,
    retried: 0,
    failed: new Map(),
    errors: new Map(),
    abandoned: 0,
    cancelled: 0,
    slowest: undefined,
    lastAt: undefined,
    rate: 0,
  };
}

function bump(m: ReadonlyMap<Outcome, number>, k: Outcome): Map<Outcome, number> {
  return new Map(m).set(k, (m.get(k) ?? 0) + 1);
}

/**
 * Folds one request into the totals (the `scan` step of the pipeline).
 *
 * @example
 * ```ts
 * addAttempt(emptyView(), event).requests; // 1
 * ```
 */
export function addAttempt(v: ProgressView, e: AttemptEvent): ProgressView {
  if (e.outcome === 'cancelled') {
    return {
      ...v,
      requests: v.requests + 1,
      abandoned: v.abandoned + 1,
      cancelled: v.cancelled + 1,
      lastAt: e.at,
    };
  }
  const ok = e.outcome === 'ok';
  const slower = ok && (v.slowest === undefined || e.ms > v.slowest.ms);
  return {
    ...v,
    requests: v.requests + 1,
    found: e.found,
    done: v.done + (e.final ? 1 : 0),
    ok: v.ok + (ok ? 1 : 0),
    retried: v.retried + (e.final ? 0 : 1),
    failed: e.final && !ok ? bump(v.failed, e.outcome) : v.failed,
    errors: ok ? v.errors : bump(v.errors, e.outcome),
    abandoned: v.abandoned + (e.outcome === 'timeout' ? 1 : 0),
    slowest: slower ? { path: e.path, ms: e.ms } : v.slowest,
    lastAt: e.at,
  };
}

/** Options of {@link trackProgress}. */
export interface ProgressOptions {
  /** How often the terminal line is refreshed, in loop ms. */
  readonly tickMs: number;
  /** The rate's window, in loop ms. */
  readonly rateWindowMs: number;
  /** Called with the latest view every tick in which something changed. */
  readonly onTick: (view: ProgressView) => void;
  /** Called with each request that did not succeed, as it ends. */
  readonly onTrouble: (event: AttemptEvent) => void;
}

/**
 * Subscribes the progress pipeline to the crawler's `events` queue (call it from
 * the loop, before the crawl starts) and returns a Future of the final view, done
 * once the queue is shut down and drained.
 *
 * @throws Error outside a running loop.
 * @example
 * ```ts
 * const final = trackProgress(events, { tickMs: 100, rateWindowMs: 500, onTick, onTrouble });
 * yield* crawl(fetcher, events);
 * const view = yield* final;
 * ```
 */
export function trackProgress(
  events: Queue<AttemptEvent>,
  opts: ProgressOptions,
): Future<ProgressView> {
  getRunningLoop(); // fail here, with core's message, outside a loop
  const s = loopScheduler();
  // One reader of the queue, shared by the totals and the rate. The factory form runs
  // in the subscription's task, which lets us name it (it shows in the task tree).
  const attempts$ = toObservable(() => {
    currentTask()?.setName('rxjs: crawl events');
    return events.iter();
  }).pipe(share());
  const totals$ = attempts$.pipe(scan(addAttempt, emptyView()), startWith(emptyView()));
  const rate$ = attempts$.pipe(
    filter((e) => e.final),
    bufferTime(opts.rateWindowMs, s),
    map((pages) => (pages.length * 1000) / opts.rateWindowMs),
    startWith(0),
  );
  const view$ = combineLatest([totals$, rate$]).pipe(
    map(([totals, rate]) => ({ ...totals, rate })),
    share(),
  );
  attempts$.pipe(filter((e) => e.outcome !== 'ok')).subscribe({
    next: opts.onTrouble,
    error: () => {}, // the same error fails the Future returned below
  });
  view$.pipe(sampleTime(opts.tickMs, s)).subscribe({
    next: opts.onTick,
    // The same error fails the Future returned below: reported there, not twice.
    error: () => {},
  });
  return fromObservable(view$);
}
