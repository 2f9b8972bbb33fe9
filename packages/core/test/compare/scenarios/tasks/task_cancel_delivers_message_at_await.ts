// cancel(msg) on a task cancels the future it awaits; the task sees
// CancelledError(msg) at that yield*, may clean up, and ends cancelled.
import { createTask, getRunningLoop, isCancelledError, sleep } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, fut: Future<unknown>): Coro<void> {
  try {
    log('child waits');
    yield* fut;
  } catch (e) {
    if (isCancelledError(e)) log('child caught', fmt(e));
    throw e;
  } finally {
    log('child finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<unknown>();
  const task = createTask(child(log, fut));
  yield* sleep(10);
  log('cancel returned', task.cancel('stop it'));
  log('inner future cancelled', fut.cancelled(), 'task done', task.done());
  try {
    yield* task;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  log('task cancelled', task.cancelled(), 'cancel done task', task.cancel());
  return 'end';
}
