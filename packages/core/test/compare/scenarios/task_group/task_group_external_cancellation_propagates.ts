// Cancelling the task that runs a taskGroup cancels every task of the group
// and the block throws CancelledError (not a TaskGroupError). (The group
// cancels its tasks in an undefined order in CPython, so each logs after a
// distinct cleanup delay.)
import { createTask, currentTask, isCancelledError, sleep, taskGroup } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, cleanup: number): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) {
      yield* sleep(cleanup);
      log(name, 'cancelled', fmt(e));
    }
    throw e;
  }
}

function* runner(log: Log): Coro<void> {
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(child(log, 'a', 2));
      tg.createTask(child(log, 'b', 1));
      yield* sleep(1000);
    });
  } catch (e) {
    if (isCancelledError(e)) {
      log('runner sees', fmt(e), 'cancelling', String(currentTask()!.cancelling()));
    }
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const r = createTask(runner(log));
  yield* sleep(10);
  r.cancel('shutdown');
  try {
    yield* r;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  return r.cancelled();
}
