// A task awaiting another task: cancel() on the outer one cancels the inner one
// (it is the future the outer awaits), and the message travels with it.
import { createTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro, Task } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* inner(log: Log): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log('inner cancelled', fmt(e));
    throw e;
  }
}

function* outer(log: Log, t: Task<void>): Coro<void> {
  try {
    yield* t;
  } catch (e) {
    if (isCancelledError(e)) log('outer cancelled', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(inner(log));
  const o = createTask(outer(log, t));
  yield* sleep(10);
  log('cancel outer', o.cancel('stop'));
  log('inner cancelling', String(t.cancelling()), 'outer cancelling', String(o.cancelling()));
  try {
    yield* o;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  log('inner cancelled()', t.cancelled(), 'outer cancelled()', o.cancelled());
  return null;
}
