// release() hands the lock to the first waiter. A task that asks for it before
// that waiter has run queues behind it, although locked() is false meanwhile.
import { Lock, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* worker(log: Log, lock: Lock, name: string): Coro<void> {
  log(name, 'acquiring');
  yield* lock.acquire();
  log(name, 'got it');
  yield* sleep(0);
  lock.release();
  log(name, 'released');
}

export default function* main(log: Log): Coro<unknown> {
  const lock = new Lock();
  yield* lock.acquire();
  const first = createTask(worker(log, lock, 'first'));
  yield* sleep(0);
  lock.release();
  log('released by main; locked', lock.locked());
  const newcomer = createTask(worker(log, lock, 'newcomer'));
  yield* gather(first, newcomer);
  log('locked', lock.locked());
  return undefined;
}
