/**
 * The bridges under a VirtualClock, run as a user runs them: a real `node` process
 * (a deadlock, or the clock holding time for a promise only the loop can settle, shows
 * at process level: the host runs out of work).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../../..');

describe('a Task made into a Promise or an Observable and wrapped back, on a VirtualClock', () => {
  test('settles with run() and runVirtual(); runSync() says why it cannot, and what to use', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@aio/source', join(HERE, 'programs/virtual-bridge.ts')],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const why =
      'runSync(): the loop cannot go on: 1 wrapped native promise is pending, and no promise ' +
      'can settle while runSync holds the host (one that depends on this loop, such as ' +
      'toPromise(task) or an Observable of a task, never can): await the task itself ' +
      '(yield* task), use fromObservable, or use run() instead of runSync().';
    expect(r.stdout.split('\n')).toEqual([
      'observable 42 1000',
      'promise 42',
      'cold 1000',
      `runVirtualSync ${why}`,
      `runSync ${why}`,
      'in real time: quick',
      '',
    ]);
  });
});
