import { describe, expect, it } from 'vitest';
import type { Outcome } from './crawler';
import { emptyView, type ProgressView } from './progress';
import { formatProgress, formatSummary } from './summary';

const view = (over: Partial<ProgressView>): ProgressView => ({ ...emptyView(), ...over });
const check = (lines: string[]): string => lines.find((l) => l.startsWith('  check'))!;

describe('the summary', () => {
  const finished = view({
    requests: 10,
    found: 8,
    done: 8,
    ok: 7,
    retried: 2,
    abandoned: 2,
    failed: new Map<Outcome, number>([['timeout', 1]]),
    errors: new Map<Outcome, number>([
      ['timeout', 2],
      ['http 500', 1],
    ]),
    slowest: { path: '/slow', ms: 450 },
  });

  it('says the counts agree when the server aborted every request the crawler gave up on', () => {
    const lines = formatSummary({
      view: finished,
      server: { requests: 10, answered: 8, aborted: 2 },
      elapsedMs: 2000,
      interrupted: false,
      clock: 'real clock',
    });
    expect(lines).toEqual([
      'crawl finished in 2.00 s (real clock)',
      '  pages     8 found, 8 done: 7 ok, 1 failed (timeout ×1)',
      '  requests  10 made, 2 failed and retried; failures: http 500 ×1, timeout ×2',
      '  aborted   2 requests given up on by the crawler (2 timed out, 0 cancelled)',
      '  server    10 requests received, 8 answered, 2 closed by the client before the answer',
      '  slowest   /slow, 450 ms; 4.0 pages/s on average',
      '  check     the server saw every request the crawler made, and every one it gave up on was aborted',
    ]);
  });

  it('accounts for a cancel that lost the race with the answer (Ctrl-C)', () => {
    const lines = formatSummary({
      view: view({ ...finished, abandoned: 3, cancelled: 1, requests: 11 }),
      server: { requests: 11, answered: 9, aborted: 2 },
      elapsedMs: 600,
      interrupted: true,
      clock: 'real clock',
    });
    expect(lines[0]).toBe('crawl interrupted (Ctrl-C) after 0.60 s (real clock); what was done:');
    expect(check(lines)).toBe(
      '  check     the server saw every request the crawler made; of the 3 it gave up on, 2 were aborted and 1 answered before the abort reached the server',
    );
  });

  it('accounts for a request aborted before it reached the server (Ctrl-C)', () => {
    const lines = formatSummary({
      view: view({ ...finished, abandoned: 4, cancelled: 4, requests: 14 }),
      server: { requests: 13, answered: 10, aborted: 3 },
      elapsedMs: 430,
      interrupted: true,
      clock: 'real clock',
    });
    expect(check(lines)).toBe(
      '  check     the server saw 13 of the 14 requests the crawler made; of the 4 it gave up on, 3 were aborted and 1 was aborted before it reached the server',
    );
  });

  it('says MISMATCH when the server saw other counts', () => {
    const lines = formatSummary({
      view: finished,
      server: { requests: 9, answered: 7, aborted: 2 },
      elapsedMs: 2000,
      interrupted: false,
      clock: 'real clock',
    });
    expect(check(lines)).toBe(
      '  check     MISMATCH: the crawler made 10 requests and gave up on 2; the server saw 9, answered 7, 2 aborted',
    );
  });

  it('formats the live progress line', () => {
    expect(formatProgress({ ...finished, rate: 12 }, 1250)).toBe(
      '[ 1.3s] pages 8/8 · ok 7 · failed 1 · errors: http 500 ×1, timeout ×2 · 12.0 pages/s',
    );
  });
});
