// A task that catches CancelledError and carries on finishes normally with its
// result; cancelling() stays at 1 until uncancel().
import { createTask, currentTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<number> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('child caught', fmt(e), 'cancelling', String(currentTask()!.cancelling()));
  }
  yield* sleep(10);
  log('child carries on');
  return 42;
}

export default function* main(log: Log): Coro<unknown> {
  const task = createTask(child(log));
  yield* sleep(5);
  task.cancel();
  const r = yield* task;
  log('result', String(r), 'cancelled', task.cancelled(), 'cancelling', String(task.cancelling()));
  log('uncancel', String(task.uncancel()), 'cancelling', String(task.cancelling()));
  return r;
}
