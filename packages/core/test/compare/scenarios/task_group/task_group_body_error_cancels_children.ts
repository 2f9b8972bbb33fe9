// An error thrown by the body cancels the group's tasks, which are waited for;
// the error is delivered inside a TaskGroupError.
import { isCancelledError, sleep, TaskGroupError, taskGroup } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) {
      log(name, 'cancelled', fmt(e));
      yield* sleep(5);
      log(name, 'cleanup done');
    }
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(child(log, 'a'));
      yield* sleep(10);
      throw new Boom('from body');
    });
  } catch (e) {
    if (!(e instanceof TaskGroupError)) throw e;
    log('caught', fmt(e));
  }
  return null;
}
