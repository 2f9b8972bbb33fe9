// Tasks contending for a Lock get it in the order they asked for it, and hold
// it across suspensions.
import { Lock, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* worker(log: Log, lock: Lock, name: string, delay: number): Coro<void> {
  log(name, 'wants the lock');
  yield* lock.hold(function* () {
    log(name, 'has the lock');
    yield* sleep(delay);
    log(name, 'releases');
  });
}

export default function* main(log: Log): Coro<unknown> {
  const lock = new Lock();
  const tasks = (
    [
      ['a', 30],
      ['b', 10],
      ['c', 20],
    ] as const
  ).map(([n, d]) => createTask(worker(log, lock, n, d)));
  yield* sleep(0);
  log('locked', lock.locked());
  yield* gather(tasks);
  log('locked', lock.locked());
  return 'done';
}
