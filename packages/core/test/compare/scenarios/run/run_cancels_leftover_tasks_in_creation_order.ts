// When main returns, run() cancels the tasks still pending in the order they were
// created: t3, then t4 and t6, which t3 created. Each sees its CancelledError in
// that order, and their finally blocks (which await) run in that order too.
// The tasks start eagerly (eager_task_factory): t3's first step, which creates t4
// and t6 (whose first steps run at once too), runs inside create_task; t3 is still
// created first. (CPython iterates a set of tasks there, in address order; the
// harness makes it creation order, as aio defines it: deterministic.py.)
import {
  createTask,
  eagerTaskFactory,
  getRunningLoop,
  isCancelledError,
  sleep,
} from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* worker(log: Log, name: string, children: string[]): Coro<void> {
  for (const child of children) createTask(worker(log, child, []), { name: child });
  log(name, 'started');
  try {
    yield* sleep(10_000);
  } catch (e) {
    if (isCancelledError(e)) log(name, 'cancelled', fmt(e));
    throw e;
  } finally {
    yield* sleep(0);
    log(name, 'finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  getRunningLoop().setTaskFactory(eagerTaskFactory);
  createTask(worker(log, 't3', ['t4', 't6']), { name: 't3' });
  yield* sleep(1);
  log('main returns');
  return 'main result';
}
