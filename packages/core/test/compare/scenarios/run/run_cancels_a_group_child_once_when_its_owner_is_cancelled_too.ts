// run()'s shutdown cancels a leftover task that owns a TaskGroup together with the
// group's child; the owner's group then aborts and cancels the child a second time
// in the same iteration. The child's coroutine gets one CancelledError, not two:
// the second cancel() finds the child's waiter already cancelled and only sets
// _must_cancel, which the child's next step consumes together with the first. So
// the await in the child's finally completes (its cancelling() count is 2).
// The owner starts eagerly (eager_task_factory): its first step, which creates the
// child (eagerly too), runs inside create_task; it is still created first, so
// run() cancels it first.
import {
  createTask,
  currentTask,
  eagerTaskFactory,
  getRunningLoop,
  isCancelledError,
  sleep,
  taskGroup,
} from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<void> {
  try {
    yield* sleep(10_000);
  } catch (e) {
    if (isCancelledError(e)) log('child cancelled', fmt(e));
    throw e;
  } finally {
    yield* sleep(0);
    log('child finally: sleep(0) completed, cancelling', currentTask()!.cancelling());
  }
}

function* owner(log: Log): Coro<void> {
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(child(log));
      yield* sleep(10_000);
    });
  } catch (e) {
    if (isCancelledError(e)) log('owner cancelled', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  getRunningLoop().setTaskFactory(eagerTaskFactory);
  createTask(owner(log));
  yield* sleep(1);
  log('main returns');
  return 'main result';
}
