// Ctrl-C during the real showcase, in a child process with a real SIGINT: core cancels the
// main task (run() then rejects with KeyboardInterrupt), the crawl winds down, the summary
// accounts for every request, and the process exits 130.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = mkdtempSync(path.join(tmpdir(), 'aio-showcase-sigint-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Ctrl-C during the showcase (core: the first SIGINT cancels main, run() rejects with KeyboardInterrupt)', () => {
  it('cancels the crawl gracefully: aborts the requests in flight, prints the summary, exits 130', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@aio/source', 'src/main.ts', '--out', outDir],
      { cwd: demoDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('exit', (code, signal) => resolve([code, signal])),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        // Mid-crawl: the task tree is printed at 0.4 s, with requests in flight.
        if (out.includes('the task tree')) resolve();
      });
      child.on('exit', () =>
        reject(new Error(`the demo ended before the task tree:\n${out}\n${err}`)),
      );
    });
    child.kill('SIGINT');
    const [code, signal] = await exited;
    expect({ code, signal, err: err.includes('Error') ? err : '' }).toEqual({
      code: 130,
      signal: null,
      err: '',
    });
    expect(out).toMatch(
      /crawl interrupted \(Ctrl-C\) after 0\.\d\d s \(real clock\); what was done:/,
    );
    // Requests in flight were cancelled and really aborted: the server's counts agree.
    expect(out).toMatch(
      /aborted {3}\d+ requests given up on by the crawler \(0 timed out, [1-9]\d* cancelled\)\n/,
    );
    expect(out).toMatch(
      /\n {2}check {5}the server saw (every request|\d+ of the \d+ requests) the crawler made[,;] /,
    );
    expect(out).toContain('crawl.timeline.html');
  }, 30_000);
});
