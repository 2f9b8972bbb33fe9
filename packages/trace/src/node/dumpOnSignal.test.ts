/**
 * `dumpOnSignal` in a real child process: a program with stuck tasks on the real clock
 * installs the handler, the test sends it a real SIGUSR2 and reads the tree it prints on
 * stderr. The program is bundled from the sources with esbuild, as it would run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpOnSignal } from './index';

const SRC = fileURLToPath(new URL('..', import.meta.url));

const PROGRAM = `
import { createTask, currentTask, Event, gather, Lock, run, sleep } from '@aio/core';
import { dumpOnSignal } from './node/index';

// With --two-loops, a second loop runs (its own run()) while the first is pending.
const twoLoops = process.argv.includes('--two-loops');
let waiting = twoLoops ? 2 : 1;
function ready() {
  waiting -= 1;
  if (waiting === 0) process.stdout.write('ready\\n');
}

const lock = new Lock();
function* holder() {
  yield* lock.acquire();
  yield* sleep(60_000); // holds the lock for a minute
}
function* waiter() {
  yield* sleep(1);
  yield* lock.acquire();
}
function* main() {
  currentTask().setName('main');
  dumpOnSignal('SIGUSR2', { table: process.argv.includes('--table') });
  const work = gather(createTask(holder(), { name: 'holder' }), createTask(waiter(), { name: 'waiter' }));
  yield* sleep(20);
  ready();
  yield* work;
}
function* second() {
  currentTask().setName('second');
  const never = new Event();
  const listener = createTask(never.wait(), { name: 'listener' });
  yield* sleep(20);
  ready();
  yield* listener;
}
const first = run(main());
if (twoLoops) {
  await new Promise((resolve) => setTimeout(resolve, 5)); // the first loop is pending
  await Promise.all([first, run(second())]);
} else {
  await first;
}
`;

let dir: string;
let program: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aio-trace-signal-'));
  program = join(dir, 'program.mjs');
  await build({
    stdin: { contents: PROGRAM, resolveDir: SRC, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    conditions: ['@aio/source'],
    outfile: program,
    logLevel: 'silent',
  });
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Starts the program, waits for 'ready', sends SIGUSR2, waits for the trees of `loops`
 * loops, returns what it wrote to stderr.
 */
async function dumpOf(args: string[] = [], loops = 1): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, [program, ...args], { stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the program never got ready: ${stderr}`)),
        20_000,
      );
      child.stdout?.on('data', (d) => {
        if (String(d).includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`the program exited (${code}): ${stderr}`)));
    });
    child.kill('SIGUSR2');
    const started = Date.now();
    while (stderr.split('\n└──').length <= loops || !stderr.endsWith('\n')) {
      if (Date.now() - started > 10_000) throw new Error(`no dump on stderr: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    return stderr;
  } finally {
    child.kill('SIGKILL');
  }
}

describe('dumpOnSignal', () => {
  it('prints the task tree of every running loop on SIGUSR2, in a real process', async () => {
    const out = await dumpOf();
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^aio: SIGUSR2 in process \d+: 1 running event loop$/);
    expect(lines[2]).toMatch(/^loop 1 of 1: loop time \d+ ms, 3 pending tasks$/);
    expect(lines.slice(3)).toEqual([
      '└── (T) main #1 · gather of 2 (2 pending)',
      `    ├── (T) holder #2 · sleep until ${lines[4]?.split('sleep until ')[1]}`,
      "    └── (T) waiter #3 · Lock held by 'holder'",
      '',
    ]);
    expect(Number(lines[4]?.split('sleep until ')[1])).toBeGreaterThan(60_000);
  }, 40_000);

  it('prints the trees of two loops running at once, oldest first', async () => {
    const out = await dumpOf(['--two-loops'], 2);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^aio: SIGUSR2 in process \d+: 2 running event loops$/);
    expect(lines[2]).toMatch(/^loop 1 of 2: loop time \d+ ms, 3 pending tasks$/);
    const until = lines[4]?.split('sleep until ')[1];
    expect(lines.slice(3, 8)).toEqual([
      '└── (T) main #1 · gather of 2 (2 pending)',
      `    ├── (T) holder #2 · sleep until ${until}`,
      "    └── (T) waiter #3 · Lock held by 'holder'",
      '',
      expect.stringMatching(/^loop 2 of 2: loop time \d+ ms, 2 pending tasks$/),
    ]);
    expect(lines.slice(8)).toEqual([
      "└── (T) second #1 · task 'listener'",
      '    └── (T) listener #2 · Event.wait on <Event [unset, waiters:1]>',
      '',
    ]);
  }, 40_000);

  it('adds the ps table when asked', async () => {
    const out = await dumpOf(['--table']);
    expect(out).toMatch(/\nid {2}name {4}state {4}waiting on/);
    expect(out).toMatch(/\n3 {3}waiter {2}waiting {2}Lock held by 'holder' +main #1 +\? +\? +\?\n/);
  }, 40_000);

  it('installs one handler per signal, and removes it', () => {
    const before = process.listenerCount('SIGUSR2');
    const stop = dumpOnSignal();
    expect(dumpOnSignal('SIGUSR2')).toBe(stop);
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    stop();
    stop();
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('writes where it is told, and says when no loop runs', () => {
    const out: string[] = [];
    const stop = dumpOnSignal('SIGUSR2', { write: (t) => out.push(t) });
    process.emit('SIGUSR2', 'SIGUSR2');
    stop();
    expect(out).toEqual([`aio: SIGUSR2 in process ${process.pid}: 0 running event loops\n`]);
  });

  it('rejects signals it cannot use, with errors that say why', () => {
    expect(() => dumpOnSignal('SIGFOO')).toThrow(
      "dumpOnSignal(): a signal name like 'SIGUSR2' was expected, got 'SIGFOO'",
    );
    expect(() => dumpOnSignal('SIGKILL')).toThrow(
      'dumpOnSignal(): cannot use SIGKILL: it cannot be caught',
    );
    expect(() => dumpOnSignal('SIGUSR1')).toThrow(
      'dumpOnSignal(): cannot use SIGUSR1: Node uses it to start the inspector',
    );
    expect(() => dumpOnSignal('SIGUSR2', { write: 1 as never })).toThrow(
      'dumpOnSignal(): write must be a function, got 1',
    );
  });
});
