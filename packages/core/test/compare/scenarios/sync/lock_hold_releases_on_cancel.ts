// `lock.hold(body)` releases the lock however the body ends: normally, by an
// error, or by cancellation; the next waiter then gets it.
import { Lock, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, ename } from '../../harness';
import type { Log } from '../../harness';

function* body(log: Log, lock: Lock, name: string, how: string): Coro<void> {
  try {
    yield* lock.hold(function* () {
      log(name, 'inside');
      yield* sleep(10);
      if (how === 'fail') throw new Boom('failed');
      log(name, 'leaving normally');
    });
  } catch (e) {
    log(name, 'left with', ename(e), 'locked', lock.locked());
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const lock = new Lock();
  const t1 = createTask(body(log, lock, 'one', 'cancel'));
  const t2 = createTask(body(log, lock, 'two', 'fail'));
  const t3 = createTask(body(log, lock, 'three', 'ok'));
  yield* sleep(5);
  t1.cancel();
  const res = yield* gatherWith({ returnExceptions: true }, t1, t2, t3);
  log(
    'results',
    res.map((r) => (r === undefined ? 'ok' : ename(r))),
  );
  log('locked', lock.locked());
  return undefined;
}
