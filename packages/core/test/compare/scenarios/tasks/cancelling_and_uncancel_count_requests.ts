// cancelling() counts cancel() requests on a pending task; uncancel() takes one
// back and returns the new count; a second cancel() while the first is pending
// returns true again.
import { createTask, currentTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<string> {
  const me = currentTask()!;
  try {
    yield* sleep(1000);
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('child caught', fmt(e), 'cancelling', String(me.cancelling()));
    log('uncancel ->', String(me.uncancel()));
    log('uncancel ->', String(me.uncancel()));
    log('uncancel at 0 ->', String(me.uncancel()));
  }
  try {
    yield* sleep(1000);
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('child caught again', fmt(e), 'cancelling', String(me.cancelling()));
  }
  return 'ok';
}

export default function* main(log: Log): Coro<unknown> {
  const task = createTask(child(log));
  yield* sleep(0);
  log('cancel 1', task.cancel('one'));
  log('cancel 2', task.cancel('two'));
  log('cancelling', String(task.cancelling()));
  yield* sleep(10);
  log('cancel 3', task.cancel('three'));
  const r = yield* task;
  log('final cancelling', String(task.cancelling()));
  return r;
}
