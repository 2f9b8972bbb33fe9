/**
 * The crawler: aio from end to end.
 *
 * - a `taskGroup` of workers reading a `Queue` of paths (the frontier); the crawl
 *   ends when `join()` says every queued path was handled, then `shutdown()` stops
 *   the workers;
 * - a `Semaphore` for the number of open requests (workers waiting out a retry's
 *   backoff do not hold one);
 * - each request its own task (`GET /page/3 (try 1)`), awaited under `timeout()`: when the
 *   time is up the task is cancelled, and with it the request (see `network.ts`);
 * - retries with exponential backoff for 5xx answers, timeouts and network errors;
 * - one {@link AttemptEvent} per request on the `events` queue, which the progress
 *   pipeline reads (through RxJS, see `progress.ts`).
 *
 * Cancelling the crawl (Ctrl-C) cancels the group: every worker and request stops,
 * their `finally` blocks run, and `events` is shut down.
 *
 * @module
 */

import {
  type Coro,
  createTask,
  getRunningLoop,
  isCancelledError,
  Queue,
  QueueShutDown,
  Semaphore,
  sleep,
  taskGroup,
  TimeoutError,
  timeout,
} from '@aio/core';
import type { FetchResult, Fetcher } from './network';
import { linksOf } from './site';

/** How the crawler behaves. */
export interface CrawlConfig {
  /** Worker tasks reading the frontier. */
  readonly workers: number;
  /** Requests open at once (the semaphore's permits). */
  readonly connections: number;
  /** Each request's timeout, in ms of loop time. */
  readonly timeoutMs: number;
  /** Attempts per page, the first included. */
  readonly maxAttempts: number;
  /** Backoff before the 2nd attempt, doubled before each later one, in ms. */
  readonly backoffMs: number;
}

/** The showcase's settings: six workers, four connections, 800 ms, three attempts. */
export const DEFAULT_CRAWL: CrawlConfig = {
  workers: 6,
  connections: 4,
  timeoutMs: 800,
  maxAttempts: 3,
  backoffMs: 100,
};

/**
 * How one request ended: `cancelled` when the whole crawl was (Ctrl-C) while the
 * request was out; the page is then neither done nor failed.
 */
export type Outcome = 'ok' | `http ${number}` | 'timeout' | 'network error' | 'cancelled';

/** One request, as the crawler reports it. */
export interface AttemptEvent {
  readonly path: string;
  /** 1 for the first request of this page. */
  readonly attempt: number;
  readonly outcome: Outcome;
  /** How long the request took, from getting a connection to its end, in loop ms. */
  readonly ms: number;
  /** Loop time when it ended. */
  readonly at: number;
  /** No further attempt follows: the page is done (ok or failed for good), or the crawl stops. */
  readonly final: boolean;
  /** Pages found so far, this page's links included. */
  readonly found: number;
}

/** Whether another attempt may fix it: server errors, timeouts, network errors. */
function retryable(outcome: Outcome): boolean {
  return outcome === 'timeout' || outcome === 'network error' || /^http 5/.test(outcome);
}

interface Crawl {
  readonly fetcher: Fetcher;
  readonly cfg: CrawlConfig;
  readonly frontier: Queue<string>;
  readonly seen: Set<string>;
  readonly connections: Semaphore;
  readonly events: Queue<AttemptEvent>;
}

/**
 * Crawls the site behind `fetcher` from `/`, reporting every request on `events`,
 * which it shuts down when it ends (normally, or cancelled).
 *
 * @throws RangeError if a setting of `cfg` is not a positive integer.
 * @example
 * ```ts
 * const events = new Queue<AttemptEvent>();
 * yield* crawl(httpFetcher(server.origin), events);
 * ```
 */
export function* crawl(
  fetcher: Fetcher,
  events: Queue<AttemptEvent>,
  cfg: CrawlConfig = DEFAULT_CRAWL,
): Coro<void> {
  for (const [key, value] of Object.entries(cfg)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`crawl(): ${key} must be a positive integer, got ${String(value)}`);
    }
  }
  const c: Crawl = {
    fetcher,
    cfg,
    frontier: new Queue<string>(),
    seen: new Set(['/']),
    connections: new Semaphore(cfg.connections),
    events,
  };
  try {
    c.frontier.putNowait('/');
    yield* taskGroup(function* (tg) {
      for (let i = 1; i <= cfg.workers; i++) tg.createTask(worker(c), { name: `worker-${i}` });
      yield* c.frontier.join(); // every path found was handled
      c.frontier.shutdown(); // the workers' get() now throws QueueShutDown
    });
  } finally {
    events.shutdown();
  }
}

function* worker(c: Crawl): Coro<void> {
  for (;;) {
    let path: string;
    try {
      path = yield* c.frontier.get();
    } catch (e) {
      if (e instanceof QueueShutDown) return;
      throw e;
    }
    try {
      yield* crawlPage(c, path);
    } finally {
      c.frontier.taskDone();
    }
  }
}

function* crawlPage(c: Crawl, path: string): Coro<void> {
  for (let attempt = 1; ; attempt++) {
    const { outcome, ms, result } = yield* request(c, path, attempt);
    if (outcome === 'ok') {
      for (const link of linksOf(result!.body)) {
        if (c.seen.has(link)) continue;
        c.seen.add(link);
        c.frontier.putNowait(link);
      }
    }
    const final = !retryable(outcome) || attempt === c.cfg.maxAttempts;
    report(c, path, attempt, outcome, ms, final);
    if (final) return;
    yield* sleep(c.cfg.backoffMs * 2 ** (attempt - 1)); // backoff, holding no connection
  }
}

/** One request under the semaphore and the timeout, in its own task. */
function* request(
  c: Crawl,
  path: string,
  attempt: number,
): Coro<{ outcome: Outcome; ms: number; result: FetchResult | undefined }> {
  const loop = getRunningLoop();
  return yield* c.connections.hold(function* () {
    const started = loop.time();
    const elapsed = (): number => Math.round(loop.time() - started);
    let sent = false; // a task cancelled before its first step never sends its request
    try {
      const result = yield* timeout(c.cfg.timeoutMs, function* () {
        const task = createTask(
          (function* () {
            sent = true;
            return yield* c.fetcher.get(path);
          })(),
          { name: `GET ${path} (try ${attempt})` },
        );
        return yield* task; // a timeout cancels the task, which aborts the request
      });
      const outcome: Outcome = result.status === 200 ? 'ok' : `http ${result.status}`;
      return { outcome, ms: elapsed(), result };
    } catch (e) {
      if (isCancelledError(e)) {
        // The crawl is being cancelled: report the abandoned request, and let it through.
        if (sent) report(c, path, attempt, 'cancelled', elapsed(), true);
        throw e;
      }
      const outcome: Outcome = e instanceof TimeoutError ? 'timeout' : 'network error';
      return { outcome, ms: elapsed(), result: undefined };
    }
  });
}

function report(
  c: Crawl,
  path: string,
  attempt: number,
  outcome: Outcome,
  ms: number,
  final: boolean,
): void {
  const at = getRunningLoop().time();
  c.events.putNowait({ path, attempt, outcome, ms, at, final, found: c.seen.size });
}
