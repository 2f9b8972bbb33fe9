/**
 * The showcase: the crawler against a real local server (or a simulated network on
 * a `VirtualClock`), its progress through RxJS, the run recorded and watched.
 *
 * @module
 */

import { type Clock, type Coro, currentTask, getRunningLoop, Queue, run } from '@aio/core';
import { VirtualClock } from '@aio/timers';
import { type AttemptEvent, type CrawlConfig, crawl, DEFAULT_CRAWL } from './crawler';
import { type Fetcher, httpFetcher, simulatedNetwork } from './network';
import { emptyView, type ProgressView, trackProgress } from './progress';
import { startSiteServer } from './server';
import { buildSite, type Site } from './site';
import type { ServerStats } from './stats';
import { formatProgress, formatSummary } from './summary';
import { createTerminal, type Terminal } from './terminal';
import { startTracing, type Tracing } from './tracing';

/** The seed of the site: the same pages, links, delays and failures every run. */
export const SITE_SEED = 13;
/** The watchdog reports a request blocked this long (loop ms): before its timeout. */
const BLOCKED_MS = 500;
/** When the task tree is printed (loop ms after the start). */
const TREE_AT_MS = 400;
/** The rate's window (loop ms). */
const RATE_WINDOW_MS = 500;

/** Options of {@link runShowcase}. */
export interface ShowcaseOptions {
  /** `'real'`: a real server and the real clock; `'virtual'`: a simulated network on a `VirtualClock`. */
  readonly clock: 'real' | 'virtual';
  /** Where the output goes (chunks, newlines included). */
  readonly write: (chunk: string) => void;
  /** Redraw a live progress line in place (a terminal); otherwise plain lines. */
  readonly tty: boolean;
  /** Where the trace files are written. */
  readonly outDir: string;
  /** The crawler's settings (default {@link DEFAULT_CRAWL}). */
  readonly crawl?: CrawlConfig;
}

/** What a showcase run did. */
export interface ShowcaseResult {
  /** The crawler's totals, from the RxJS pipeline. */
  readonly view: ProgressView;
  /** The server's (or the simulated network's) counts. */
  readonly server: ServerStats;
  /** Loop time the crawl took. */
  readonly elapsedMs: number;
  /** The run was stopped by Ctrl-C (`KeyboardInterrupt`). */
  readonly interrupted: boolean;
  /** The trace files written (none if the run was interrupted before it started). */
  readonly files: { readonly json: string; readonly html: string } | undefined;
  /** The tasks the watchdog reported, in order. */
  readonly reported: readonly string[];
}

/** What the coroutine shares with the code around `run()` (which survives an interrupt). */
interface Ctx {
  readonly fetcher: Fetcher;
  readonly cfg: CrawlConfig;
  readonly term: Terminal;
  readonly tickMs: number;
  tracing: Tracing | undefined;
  view: ProgressView;
  elapsedMs: number;
  readonly reported: string[];
}

/**
 * Runs the showcase and prints it: a header, the requests that failed, the live
 * progress, the task tree once, the watchdog's reports, and the summary with the
 * trace files' paths. Ctrl-C (core's `KeyboardInterrupt`) ends the crawl gracefully:
 * the result says `interrupted`.
 *
 * @throws (rejects) any error of the crawl but the interrupt.
 * @example
 * ```ts
 * const r = await runShowcase({ clock: 'virtual', write: (s) => process.stdout.write(s), tty: false, outDir: '/tmp/aio' });
 * console.log(r.view.ok);
 * ```
 */
export async function runShowcase(opts: ShowcaseOptions): Promise<ShowcaseResult> {
  const site = buildSite(SITE_SEED);
  const cfg = opts.crawl ?? DEFAULT_CRAWL;
  const term = createTerminal(opts.write, opts.tty);
  const network = await openNetwork(opts.clock, site);
  const ctx: Ctx = {
    fetcher: network.fetcher,
    cfg,
    term,
    tickMs: opts.tty ? 100 : 1000,
    tracing: undefined,
    view: emptyView(),
    elapsedMs: 0,
    reported: [],
  };
  for (const line of header(opts.clock, site, network.fetcher.origin, cfg)) term.log(line);

  let interrupted = false;
  try {
    await run(showcase(ctx), { clock: network.clock });
  } catch (e) {
    // Core's Ctrl-C: the first SIGINT cancels main (its finally blocks run), then run()
    // rejects with KeyboardInterrupt. Checked by name (see the README of apps/demo).
    if (!(e instanceof Error && e.name === 'KeyboardInterrupt')) throw e;
    interrupted = true;
  } finally {
    term.endStatus();
    await network.close(); // the server's counts are final once every socket is closed
  }

  const title = `aio showcase: crawl of ${network.fetcher.origin} (${clockName(opts.clock)})`;
  const files = ctx.tracing?.write(opts.outDir, 'crawl', title);
  const summary = formatSummary({
    view: ctx.view,
    server: network.stats,
    elapsedMs: ctx.elapsedMs,
    interrupted,
    clock: clockName(opts.clock),
  });
  for (const line of summary) term.log(line);
  if (files !== undefined) {
    term.log(`  trace     ${files.json}  (open it in https://ui.perfetto.dev or chrome://tracing)`);
    term.log(`  timeline  ${files.html}  (open it in a browser)`);
  }
  return {
    view: ctx.view,
    server: network.stats,
    elapsedMs: ctx.elapsedMs,
    interrupted,
    files,
    reported: ctx.reported,
  };
}

function clockName(clock: 'real' | 'virtual'): string {
  return clock === 'real' ? 'real clock' : 'VirtualClock';
}

interface Network {
  readonly fetcher: Fetcher;
  readonly stats: ServerStats;
  readonly clock: Clock | undefined;
  close(): Promise<void>;
}

async function openNetwork(clock: 'real' | 'virtual', site: Site): Promise<Network> {
  if (clock === 'virtual') {
    const { fetcher, stats } = simulatedNetwork(site);
    return { fetcher, stats, clock: new VirtualClock(), close: async () => {} };
  }
  const server = await startSiteServer(site);
  return {
    fetcher: httpFetcher(server.origin),
    stats: server.stats,
    clock: undefined,
    close: () => server.stop(),
  };
}

function header(clock: 'real' | 'virtual', site: Site, origin: string, cfg: CrawlConfig): string[] {
  const pages = [...site.pages.values()];
  const flaky = pages.filter((p) => p.trouble === 'flaky').map((p) => p.path);
  const delays = pages.filter((p) => p.trouble === 'none').map((p) => p.delayMs);
  const where =
    clock === 'real'
      ? `a real HTTP server on ${origin} (node:http, loopback only)`
      : 'a simulated network on a VirtualClock (the same site and delays, no sockets, no waiting)';
  return [
    `aio showcase: a crawler written with aio, against ${where}`,
    `  site      ${pages.length} pages answering in ${Math.min(...delays)}–${Math.max(...delays)} ms; ` +
      `${flaky.join(', ')} fail once (500); /broken always fails (500); /slow takes ` +
      `${site.pages.get('/slow')!.delayMs} ms; /never never answers; /missing is a 404`,
    `  crawler   ${cfg.workers} worker tasks, ${cfg.connections} connections (Semaphore), ` +
      `${cfg.timeoutMs} ms timeout per request, ${cfg.maxAttempts} attempts with backoff from ` +
      `${cfg.backoffMs} ms; progress through RxJS; watchdog at ${BLOCKED_MS} ms`,
  ];
}

/** `[ 1.2s] ` */
function stamp(ms: number): string {
  return `[${(ms / 1000).toFixed(1).padStart(4)}s] `;
}

function describeTrouble(e: AttemptEvent): string {
  const request = `GET ${e.path} (try ${e.attempt}) →`;
  if (e.outcome === 'cancelled') return `${request} cancelled with the crawl: request aborted`;
  const what =
    e.outcome === 'timeout'
      ? `timeout after ${e.ms} ms: request cancelled and aborted`
      : `${e.outcome} after ${e.ms} ms`;
  let next = ', retrying';
  if (e.final) next = e.outcome === 'http 404' ? ', not retried' : ', giving up';
  return `${request} ${what}${next}`;
}

/** The program `run()` runs. */
function* showcase(ctx: Ctx): Coro<void> {
  const loop = getRunningLoop();
  currentTask()!.setName('main');
  const t0 = loop.time();
  const since = (): number => loop.time() - t0;
  const { term } = ctx;

  const tracing = startTracing();
  ctx.tracing = tracing;
  const stopWatchdog = tracing.watch({
    blockedMs: BLOCKED_MS,
    onReport(r) {
      // Requests only: main and idle workers wait by design (for the crawl, for work).
      if (!r.task.getName().startsWith('GET ')) return;
      ctx.reported.push(r.task.getName());
      term.log(`${stamp(since())}${r.text}`);
    },
  });
  const tree = loop.callLater(TREE_AT_MS, () => {
    term.log(`${stamp(since())}the task tree (what each task waits on):\n${tracing.taskTree()}`);
  });

  const events = new Queue<AttemptEvent>();
  const final = trackProgress(events, {
    tickMs: ctx.tickMs,
    rateWindowMs: RATE_WINDOW_MS,
    onTick(view) {
      ctx.view = view;
      term.status(formatProgress(view, since()));
    },
    onTrouble(e) {
      term.log(`${stamp(e.at - t0)}${describeTrouble(e)}`);
    },
  });
  try {
    yield* crawl(ctx.fetcher, events, ctx.cfg);
  } finally {
    tree.cancel();
    stopWatchdog();
    ctx.elapsedMs = since();
    ctx.view = yield* final; // the crawl shut the queue down: the pipeline completes
    tracing.stop();
    term.endStatus();
  }
}
