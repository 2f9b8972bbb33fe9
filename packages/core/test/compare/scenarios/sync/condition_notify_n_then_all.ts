// notify(n) wakes the n longest-waiting tasks; each returns from wait() only
// once it re-acquires the lock; notifyAll() wakes the rest.
import { Condition, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* waiter(log: Log, cond: Condition, name: string): Coro<void> {
  yield* cond.hold(function* () {
    log(name, 'waits');
    const r = yield* cond.wait();
    log(name, 'woke with', r, 'locked', cond.locked());
  });
}

export default function* main(log: Log): Coro<unknown> {
  const cond = new Condition();
  const tasks = ['a', 'b', 'c', 'd', 'e'].map((n) => createTask(waiter(log, cond, n)));
  yield* sleep(0);
  yield* cond.hold(function* () {
    cond.notify(2);
    log('notified 2, still holding the lock');
    yield* sleep(10);
    log('releasing');
  });
  yield* sleep(10);
  yield* cond.hold(function* () {
    cond.notify();
  });
  yield* sleep(0);
  yield* cond.hold(function* () {
    cond.notifyAll();
    log('notified all');
  });
  yield* gather(tasks);
  return undefined;
}
