/**
 * How the crawler reaches the site: a {@link Fetcher}. Two implementations run the
 * same crawler code:
 *
 * - {@link httpFetcher}: real HTTP with the global `fetch`, wrapped with
 *   `wrapPromise((signal) => …)` so that cancelling the request (a timeout, Ctrl-C)
 *   aborts it — the server sees the socket close;
 * - {@link simulatedNetwork}: no sockets, the site's answers played out with
 *   `sleep()` on the loop's clock (a `VirtualClock`: instantly, identically every
 *   run), counting what a server would count.
 *
 * @module
 */

import { type Coro, getRunningLoop, sleep, wrapPromise } from '@aio/core';
import type { Site } from './site';
import { emptyStats, type ServerStats } from './stats';

/** The response to one GET. */
export interface FetchResult {
  readonly status: number;
  readonly body: string;
}

/** Gets a path of the site; cancelling `get` cancels the request. */
export interface Fetcher {
  /** Where the site is (`http://127.0.0.1:<port>`, or `sim://site`). */
  readonly origin: string;
  /** One GET: status and body. Cancelling it (or its task) abandons the request. */
  get(path: string): Coro<FetchResult>;
}

/**
 * A fetcher over real HTTP: one global `fetch` per request, aborted when the
 * request is cancelled.
 *
 * @example
 * ```ts
 * const fetcher = httpFetcher(server.origin);
 * const { status, body } = yield* fetcher.get('/');
 * ```
 */
export function httpFetcher(origin: string): Fetcher {
  return {
    origin,
    *get(path: string): Coro<FetchResult> {
      // One native promise for the headers and the body, so the signal covers both:
      // cancelled while the body streams in, the request is still aborted.
      return yield* wrapPromise((signal) => fetchText(`${origin}${path}`, signal));
    },
  };
}

async function fetchText(url: string, signal: AbortSignal): Promise<FetchResult> {
  const res = await fetch(url, { signal });
  return { status: res.status, body: await res.text() };
}

/**
 * A simulated network: the site's answers, delays included, as loop timers. No
 * socket is opened and no native promise is involved, so on a `VirtualClock` a
 * crawl takes no real time. `stats` counts like the real server: a request
 * cancelled before its answer is `aborted`.
 *
 * @example
 * ```ts
 * const { fetcher, stats } = simulatedNetwork(buildSite(13));
 * await run(crawl(fetcher, ...), { clock: new VirtualClock() });
 * ```
 */
export function simulatedNetwork(site: Site): { fetcher: Fetcher; stats: ServerStats } {
  const stats = emptyStats();
  const attempts = new Map<string, number>();
  const fetcher: Fetcher = {
    origin: 'sim://site',
    *get(path: string): Coro<FetchResult> {
      stats.requests++;
      const attempt = (attempts.get(path) ?? 0) + 1;
      attempts.set(path, attempt);
      const answer = site.answer(path, attempt);
      let answered = false;
      try {
        if (answer.kind === 'never') {
          // A response that never comes: a future nobody completes.
          return yield* getRunningLoop().createFuture<never>();
        }
        yield* sleep(answer.delayMs);
        answered = true;
        stats.answered++;
        return { status: answer.status, body: answer.body };
      } finally {
        if (!answered) stats.aborted++;
      }
    },
  };
  return { fetcher, stats };
}
