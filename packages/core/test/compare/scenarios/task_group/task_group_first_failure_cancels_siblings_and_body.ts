// The first failing task cancels its siblings and the body (at its current
// yield*); the group waits for the siblings' cleanup, then throws a
// TaskGroupError holding the failure. (CPython cancels the siblings in set
// order, which is undefined, so only one sibling logs at once; the other logs
// after a distinct cleanup delay.)
import {
  currentTask,
  isCancelledError,
  sleep,
  TaskGroupError,
  taskGroup,
} from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number, fail = false, cleanup = 0): Coro<void> {
  try {
    yield* sleep(delay);
    if (fail) {
      log(name, 'raises');
      throw new Boom(name);
    }
    log(name, 'ends');
  } catch (e) {
    if (isCancelledError(e)) {
      if (cleanup) yield* sleep(cleanup);
      log(name, 'cancelled', fmt(e));
    }
    throw e;
  } finally {
    log(name, 'finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(child(log, 'a', 50));
      tg.createTask(child(log, 'bad', 10, true));
      tg.createTask(child(log, 'c', 50, false, 2));
      try {
        yield* sleep(1000);
      } catch (e) {
        if (isCancelledError(e)) log('body cancelled', fmt(e));
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof TaskGroupError)) throw e;
    log('caught', fmt(e));
  }
  return currentTask()!.cancelling();
}
