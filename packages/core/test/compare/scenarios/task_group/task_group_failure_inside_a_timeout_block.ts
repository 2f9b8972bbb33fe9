// A group task fails while the body waits inside a timeout() block: the
// group's cancellation is not the timeout's, so the block lets CancelledError
// through (no TimeoutError) and the group throws the failure.
import {
  currentTask,
  isCancelledError,
  sleep,
  TaskGroupError,
  taskGroup,
  timeout,
  TimeoutError,
} from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* failing(): Coro<never> {
  yield* sleep(10);
  throw new Boom('child');
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(failing());
      let t: Timeout | undefined;
      try {
        yield* timeout(50, function* (tm) {
          t = tm;
          yield* sleep(1000);
        });
      } catch (e) {
        if (isCancelledError(e)) {
          log('body saw', fmt(e), 'timeout expired', t!.expired());
          throw e;
        }
        if (!(e instanceof TimeoutError)) throw e;
        log('body saw TimeoutError');
      }
    });
  } catch (e) {
    if (!(e instanceof TaskGroupError)) throw e;
    log('caught', fmt(e), 'cancelling', String(currentTask()!.cancelling()));
  }
  return null;
}
