import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runShowcase, type ShowcaseResult } from './runShowcase';

const outDir = mkdtempSync(path.join(tmpdir(), 'aio-showcase-virtual-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function virtualRun(tty = false): Promise<{ text: string; result: ShowcaseResult }> {
  const chunks: string[] = [];
  const result = await runShowcase({
    clock: 'virtual',
    write: (s) => chunks.push(s),
    tty,
    outDir,
  });
  return { text: chunks.join('').replaceAll(outDir, '<out>'), result };
}

describe('the showcase on a VirtualClock (pnpm demo --virtual)', () => {
  it('prints the pinned output: events, task tree, watchdog reports, progress and summary', async () => {
    const { text } = await virtualRun();
    await expect(text).toMatchFileSnapshot('./showcase.virtual.expected.txt');
  });

  it('prints the same output every run', async () => {
    const first = await virtualRun();
    const second = await virtualRun();
    expect(second.text).toBe(first.text);
    expect(second.result.view).toEqual(first.result.view);
  });

  it('ends with counts that agree: every request reached the network, every abandoned one was aborted', async () => {
    const { result } = await virtualRun();
    const { view, server } = result;
    expect(result.interrupted).toBe(false);
    expect(view.done).toBe(view.found);
    expect(server.requests).toBe(view.requests);
    expect(server.aborted).toBe(view.abandoned);
    expect(server.answered).toBe(view.requests - view.abandoned);
    expect(view.abandoned).toBe(3); // /never, three attempts
    expect(result.reported).toEqual([
      'GET /never (try 1)',
      'GET /never (try 2)',
      'GET /never (try 3)',
    ]);
  });

  it('writes a Chrome trace with a track per task and the HTML timeline', async () => {
    const { result } = await virtualRun();
    const trace = JSON.parse(readFileSync(result.files!.json, 'utf8')) as {
      traceEvents: Array<{ name: string; ph: string; args?: { name?: string } }>;
    };
    const tracks = trace.traceEvents
      .filter((e) => e.name === 'thread_name')
      .map((e) => e.args!.name);
    // The loop's own track, then one per task, labelled with its name and trace id.
    expect(tracks.slice(0, 2)).toEqual(['event loop', 'main #1']);
    const names = tracks.map((t) => t!.replace(/ #\d+$/, ''));
    expect(names).toEqual(
      expect.arrayContaining(['worker-1', 'worker-6', 'GET / (try 1)', 'GET /never (try 3)']),
    );
    expect(readFileSync(result.files!.html, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('redraws one live progress line on a terminal, with the same summary', async () => {
    const plain = await virtualRun(false);
    const tty = await virtualRun(true);
    expect(tty.text).toContain('\r\x1b[2K[ 0.1s] pages ');
    const tail = (s: string): string => s.slice(s.indexOf('crawl finished'));
    expect(tail(tty.text)).toBe(tail(plain.text));
  });
});
