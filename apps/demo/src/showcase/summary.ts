/**
 * The showcase's words: the progress line and the final summary, as text.
 *
 * @module
 */

import type { Outcome } from './crawler';
import type { ProgressView } from './progress';
import type { ServerStats } from './stats';

/** `1.25 s` */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `http 500 ×2, timeout ×3` (sorted by kind: the same text whatever the order of events). */
function byKind(m: ReadonlyMap<Outcome, number>): string {
  if (m.size === 0) return 'none';
  return [...m.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
}

function total(m: ReadonlyMap<Outcome, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

/**
 * The live progress line.
 *
 * @example
 * ```ts
 * formatProgress(view, 1000); // '[ 1.0s] pages 17/23 · ok 15 · failed 0 · errors: http 500 ×2 · 12.0 pages/s'
 * ```
 */
export function formatProgress(v: ProgressView, elapsedMs: number): string {
  const t = (elapsedMs / 1000).toFixed(1).padStart(4);
  return (
    `[${t}s] pages ${v.done}/${v.found} · ok ${v.ok} · failed ${total(v.failed)}` +
    ` · errors: ${byKind(v.errors)} · ${v.rate.toFixed(1)} pages/s`
  );
}

/** What the summary is about. */
export interface SummaryInput {
  readonly view: ProgressView;
  readonly server: ServerStats;
  /** Loop time the crawl took. */
  readonly elapsedMs: number;
  /** The crawl was stopped by Ctrl-C. */
  readonly interrupted: boolean;
  /** `real clock` or `VirtualClock`. */
  readonly clock: string;
}

/**
 * The final summary, a few lines, ending with whether the crawler's and the server's
 * counts agree.
 *
 * @example
 * ```ts
 * console.log(formatSummary({ view, server, elapsedMs: 2730, interrupted: false, clock: 'real clock' }).join('\n'));
 * ```
 */
export function formatSummary(s: SummaryInput): string[] {
  const { view: v, server } = s;
  const failed = total(v.failed);
  const head = s.interrupted
    ? `crawl interrupted (Ctrl-C) after ${seconds(s.elapsedMs)} (${s.clock}); what was done:`
    : `crawl finished in ${seconds(s.elapsedMs)} (${s.clock})`;
  const rate = s.elapsedMs > 0 ? (v.done * 1000) / s.elapsedMs : 0;
  const lines = [
    head,
    `  pages     ${v.found} found, ${v.done} done: ${v.ok} ok, ${failed} failed (${byKind(v.failed)})`,
    `  requests  ${v.requests} made, ${v.retried} failed and retried; failures: ${byKind(v.errors)}`,
    `  aborted   ${v.abandoned} requests given up on by the crawler (${v.abandoned - v.cancelled} timed out, ${v.cancelled} cancelled)`,
    `  server    ${server.requests} requests received, ${server.answered} answered, ${server.aborted} closed by the client before the answer`,
    `  slowest   ${v.slowest === undefined ? 'none' : `${v.slowest.path}, ${v.slowest.ms} ms`}; ${rate.toFixed(1)} pages/s on average`,
  ];
  // Every request the crawler got an answer to, the server answered. A request the
  // crawler gave up on either was aborted at the server, or was answered before the abort
  // reached it (a cancel racing an answer: Ctrl-C; a timeout of /never cannot lose), or
  // never reached the server at all (aborted while it was being sent: Ctrl-C again).
  const late = server.answered - (v.requests - v.abandoned);
  const unsent = v.requests - server.requests;
  const agree =
    unsent >= 0 &&
    late >= 0 &&
    server.answered + server.aborted === server.requests &&
    server.aborted + late + unsent === v.abandoned;
  const saw =
    unsent === 0
      ? 'the server saw every request the crawler made'
      : `the server saw ${server.requests} of the ${v.requests} requests the crawler made`;
  const fates = [`${server.aborted} were aborted`];
  if (late > 0) fates.push(`${late} answered before the abort reached the server`);
  if (unsent > 0) {
    const one = unsent === 1;
    fates.push(
      `${unsent} ${one ? 'was' : 'were'} aborted before ${one ? 'it' : 'they'} reached the server`,
    );
  }
  lines.push(
    !agree
      ? `  check     MISMATCH: the crawler made ${v.requests} requests and gave up on ${v.abandoned}; the server saw ${server.requests}, answered ${server.answered}, ${server.aborted} aborted`
      : late === 0 && unsent === 0
        ? `  check     ${saw}, and every one it gave up on was aborted`
        : `  check     ${saw}; of the ${v.abandoned} it gave up on, ${listed(fates)}`,
  );
  return lines;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
