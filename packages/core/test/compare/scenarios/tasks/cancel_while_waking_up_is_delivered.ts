// cancel() on a task whose future has just completed (wake-up already queued):
// the future cannot be cancelled any more, so the CancelledError is thrown into
// the task at its next step instead, and the result is lost.
import { createTask, getRunningLoop, isCancelledError, sleep } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, fut: Future<number>): Coro<number> {
  let v: number;
  try {
    v = yield* fut;
    log('child got', String(v));
  } catch (e) {
    if (isCancelledError(e)) log('child caught', fmt(e));
    throw e;
  }
  return v;
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  const task = createTask(child(log, fut));
  yield* sleep(0);
  fut.setResult(1);
  log('cancel', task.cancel('late'), 'fut cancelled', fut.cancelled());
  try {
    yield* task;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  return task.cancelled();
}
