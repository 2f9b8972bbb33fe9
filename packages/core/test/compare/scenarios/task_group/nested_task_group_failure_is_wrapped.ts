// A failure in an inner task group reaches the outer group as a TaskGroupError
// inside a TaskGroupError.
import { isCancelledError, sleep, TaskGroupError, taskGroup } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* failing(): Coro<never> {
  yield* sleep(10);
  throw new Boom('deep');
}

function* sibling(log: Log): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log('outer sibling cancelled');
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* taskGroup(function* (outer) {
      outer.createTask(sibling(log));
      yield* taskGroup(function* (inner) {
        inner.createTask(failing());
      });
      log('never here');
    });
  } catch (e) {
    if (!(e instanceof TaskGroupError)) throw e;
    log('caught', fmt(e));
  }
  return null;
}
