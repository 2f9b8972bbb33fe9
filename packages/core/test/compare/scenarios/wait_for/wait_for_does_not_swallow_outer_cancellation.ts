// A cancellation of the task awaiting waitFor propagates as CancelledError
// (never TimeoutError), and the inner awaitable is cancelled too.
import { createTask, isCancelledError, sleep, TimeoutError, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* inner(log: Log): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log('inner cancelled', fmt(e));
    throw e;
  }
}

function* outer(log: Log): Coro<void> {
  try {
    yield* waitFor(inner(log), 50);
  } catch (e) {
    if (isCancelledError(e)) {
      log('outer sees', fmt(e));
      throw e;
    }
    if (!(e instanceof TimeoutError)) throw e;
    log('outer sees TimeoutError');
  }
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(outer(log));
  yield* sleep(10);
  t.cancel('from outside');
  try {
    yield* t;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  return t.cancelled();
}
