import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runShowcase } from './runShowcase';

const outDir = mkdtempSync(path.join(tmpdir(), 'aio-showcase-real-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the showcase against the real server (pnpm demo)', () => {
  it('crawls the site over HTTP with counts that agree, aborted requests included', async () => {
    const chunks: string[] = [];
    const result = await runShowcase({
      clock: 'real',
      write: (s) => chunks.push(s),
      tty: false,
      outDir,
    });
    const text = chunks.join('');
    const { view, server } = result;
    expect(result.interrupted).toBe(false);
    // The crawler's side (through the RxJS pipeline) and the server's side agree.
    expect(view.done).toBe(view.found);
    expect(server.requests).toBe(view.requests);
    expect(server.answered).toBe(view.requests - view.abandoned);
    // /never timed out three times: each request was really aborted (its socket closed).
    expect(view.abandoned).toBe(3);
    expect(server.aborted).toBe(3);
    expect(view.errors.get('timeout')).toBe(3);
    expect(result.reported).toEqual([
      'GET /never (try 1)',
      'GET /never (try 2)',
      'GET /never (try 3)',
    ]);
    expect(text).toMatch(/against a real HTTP server on http:\/\/127\.0\.0\.1:\d+/);
    // Real time: the watchdog's check lands at 500 ms or a little later on a busy machine.
    const blocked = text.match(
      /watchdog: task 'GET \/never \(try 1\)' #\d+ has been blocked for (\d+) ms: 'GET \/never \(try 1\)' #\d+ waits on a wrapped native promise\n {10}awaited by: 'worker-\d' ← 'main'/,
    );
    expect(blocked, text).not.toBeNull();
    expect(Number(blocked?.[1])).toBeGreaterThanOrEqual(500);
    expect(text).toContain('the task tree (what each task waits on):');
    expect(text).toContain(
      '  check     the server saw every request the crawler made, and every one it gave up on was aborted',
    );
    expect(JSON.parse(readFileSync(result.files!.json, 'utf8')).traceEvents.length).toBeGreaterThan(
      100,
    );
  }, 30_000);
});
