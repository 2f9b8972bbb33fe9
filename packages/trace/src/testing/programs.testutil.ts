/**
 * Known programs for the tests (and the README): what they do is spelled out, so that a
 * test can say which tracks, arrows and instants their trace must have.
 */
import { type Coro, createTask, currentTask, gather, Lock, run, sleep } from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { type Recorder, recordTrace } from '../index';

/**
 * `main` starts `writer` (takes a lock, sleeps 150 ms, releases it), `reader` (sleeps
 * 1 ms, then waits for the lock) and `sleeper` (sleeps 1000 ms); it gathers writer and
 * reader, then cancels sleeper ('not needed') and yields once. On a virtual clock.
 *
 * Its trace: tracks main #1, writer #2, reader #3, sleeper #4; spawn arrows main →
 * writer, reader, sleeper; wake arrows: timer → reader (at 1 ms), timer → writer (at
 * 150 ms), writer → reader (the lock's release), gather done → main, main → sleeper (the
 * cancellation); one cancel instant on sleeper.
 */
export async function recordLockDemo(): Promise<Recorder> {
  const lock = new Lock();
  let rec: Recorder | undefined;
  function* writer(): Coro<void> {
    yield* lock.acquire();
    yield* sleep(150);
    lock.release();
  }
  function* reader(): Coro<void> {
    yield* sleep(1);
    yield* lock.acquire();
    lock.release();
  }
  function* main(): Coro<void> {
    currentTask()?.setName('main');
    rec = recordTrace();
    const w = createTask(writer(), { name: 'writer' });
    const r = createTask(reader(), { name: 'reader' });
    const s = createTask(sleep(1000), { name: 'sleeper' });
    yield* gather(w, r);
    s.cancel('not needed');
    yield;
    rec.stop();
  }
  await run(main(), { clock: new TestClock() });
  return rec as Recorder;
}
