/**
 * What a program does at process level — exit codes, output, signals — checked with a
 * real `node` child process per case (the programs are in `programs/`, run from source
 * through tsx).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../../..');
// tsx as a loader inside the one `node` process (its CLI would add a parent process
// between the test and the program, which relays signals instead of dying by them).
const TSX_LOADER = ['--import', 'tsx', '--conditions=@aio/source'];

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `programs/<name>.ts`. `onLine(line, child)` sees each stdout line as it comes
 * (to send signals at the right moment). Fails after `limitMs` instead of hanging.
 */
function runProgram(
  name: string,
  args: string[] = [],
  onLine?: (line: string, child: ChildProcess) => void,
  limitMs = 20_000,
): Promise<Outcome> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [...TSX_LOADER, join(HERE, 'programs', `${name}.ts`), ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      let i = pending.indexOf('\n');
      while (i >= 0) {
        onLine?.(pending.slice(0, i), child);
        pending = pending.slice(i + 1);
        i = pending.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not exit within ${limitMs} ms:\n${stdout}\n${stderr}`));
    }, limitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

describe('a program that can never finish', () => {
  test('await run(main()) rejects with DeadlockError naming the task and its wait (no silent exit 13)', async () => {
    const r = await runProgram('never-set-future');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('DeadlockError: run(): deadlock: no task can make progress');
    expect(r.stderr).toMatch(/Task-\d+: waiting on future <Future pending>/);
  });

  test('run(main()).then(…) fails loudly too (an unhandled rejection), not a silent exit 0', async () => {
    const r = await runProgram('never-set-future', ['--then']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DeadlockError: run(): deadlock');
  });

  for (const [clockName, args] of [
    ['the real clock', []],
    ['a virtual clock', ['--virtual']],
  ] as const) {
    test(`a wrapped native promise that never settles is a deadlock on ${clockName}: the error names it and says it can no longer settle`, async () => {
      const r = await runProgram('never-settling-promise', [...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('DeadlockError: run(): deadlock: no task can make progress');
      expect(r.stderr).toContain(
        ' 1 wrapped native promise is still pending, and can no longer settle.\n',
      );
      expect(r.stderr).toMatch(/Task-\d+: waiting on a wrapped native promise/);
    });
  }

  test('a lock cycle under the real clock is reported with the cycle, within a second', async () => {
    const r = await runProgram('lock-cycle');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("  left: waiting on Lock held by 'right'");
    expect(r.stdout).toContain("  right: waiting on Lock held by 'left'");
    expect(r.stdout).toContain('  cycle: left → right → left');
    expect(r.stdout).toContain('tasks: 3, after under a second');
  });
});

describe('an exception nobody retrieved', () => {
  test('is reported when run() ends: the program prints ok and the report, and exits 0', async () => {
    for (const args of [[], ['--debug']]) {
      const r = await runProgram('lost-exception', args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('ok\n');
      expect(r.stderr).toContain('Task exception was never retrieved');
      expect(r.stderr).toContain('background failure');
    }
  });
});

describe('Ctrl-C (SIGINT)', () => {
  const interruptOnReady =
    (times: number) =>
    (line: string, child: ChildProcess): void => {
      if (line === 'ready' || (times > 1 && line === 'swallowed')) child.kill('SIGINT');
    };

  test('cancels the main task: its finally runs, then run() rejects with KeyboardInterrupt', async () => {
    const r = await runProgram('interrupt', [], interruptOnReady(1));
    expect(r.stdout).toBe(
      'ready\nmain finally\nKeyboardInterrupt: interrupted (SIGINT): the main task was cancelled\n',
    );
    expect(r.code).toBe(130);
  });

  test('a second Ctrl-C exits at once when the main task swallowed the first', async () => {
    const r = await runProgram('interrupt', ['--swallow'], interruptOnReady(2));
    expect(r.stdout).toBe('ready\nswallowed\n');
    expect(r.signal).toBe('SIGINT');
  });

  test('a main task that swallows the cancellation and returns: run() resolves with its result, exit 0, no KeyboardInterrupt', async () => {
    const r = await runProgram('interrupt', ['--swallow-return'], interruptOnReady(1));
    expect(r.stdout).toBe('ready\nswallowed\nmain finally\nresult recovered\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.signal).toBe(null);
  });

  test('a SIGINT listener the program installed before run() gets Ctrl-C: run() does not cancel the main task', async () => {
    const r = await runProgram('interrupt', ['--own-handler'], interruptOnReady(1));
    expect(r.stdout).toBe('ready\nown handler\nmain finally\nresult not cancelled\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.signal).toBe(null);
  });

  test("the README's graceful shutdown: every task's finally runs, then KeyboardInterrupt", async () => {
    const r = await runProgram('graceful-shutdown', [], interruptOnReady(1));
    expect(r.stdout).toBe('ready\nserver stopped\nworker stopped\n');
    expect(r.stderr).toBe('stopped\n');
    expect(r.code).toBe(130);
  });

  test('handleSigint: false leaves SIGINT to the host: the process is killed, no finally runs', async () => {
    const r = await runProgram('interrupt', ['--off'], interruptOnReady(1));
    expect(r.stdout).toBe('ready\n');
    expect(r.signal).toBe('SIGINT');
  });
});
