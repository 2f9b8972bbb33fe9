// A waiter that release() chose, cancelled before it runs, hands the lock to the
// next waiter: no wake-up is lost.
import { Lock, createTask, gatherWith, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* waiter(log: Log, lock: Lock, name: string): Coro<void> {
  try {
    yield* lock.acquire();
  } catch (e) {
    if (isCancelledError(e)) log(name, 'cancelled; locked', lock.locked());
    throw e;
  }
  log(name, 'got the lock');
  lock.release();
}

export default function* main(log: Log): Coro<unknown> {
  const lock = new Lock();
  yield* lock.acquire();
  const a = createTask(waiter(log, lock, 'a'));
  const b = createTask(waiter(log, lock, 'b'));
  const c = createTask(waiter(log, lock, 'c'));
  yield* sleep(0);
  lock.release();
  a.cancel();
  const results = yield* gatherWith({ returnExceptions: true }, a, b, c);
  log(
    'results',
    results.map((r) => (r === undefined ? 'ok' : (r as Error).name)),
  );
  log('locked', lock.locked());
  return undefined;
}
