// A waiter cancelled while another task holds the lock throws CancelledError only
// after it has re-acquired the lock; its cancellation passes a (spurious)
// wake-up to the next waiter.
import { Condition, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* waiter(log: Log, cond: Condition, name: string): Coro<void> {
  yield* cond.hold(function* () {
    try {
      yield* cond.wait();
      log(name, 'woke; locked', cond.locked());
    } catch (e) {
      log(name, ename(e), '; locked', cond.locked());
      throw e;
    }
  });
}

export default function* main(log: Log): Coro<unknown> {
  const cond = new Condition();
  const a = createTask(waiter(log, cond, 'a'));
  const b = createTask(waiter(log, cond, 'b'));
  yield* sleep(0);
  yield* cond.acquire();
  a.cancel();
  yield* sleep(10);
  log('main still holds the lock; a done', a.done());
  cond.release();
  const res = yield* gatherWith({ returnExceptions: true }, a, b);
  log(
    'results',
    res.map((r) => (r === undefined ? 'ok' : ename(r))),
  );
  return cond.locked();
}
