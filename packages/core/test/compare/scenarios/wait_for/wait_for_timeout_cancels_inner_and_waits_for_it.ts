// On timeout waitFor cancels the inner awaitable, waits until it has finished
// (its finally ran, even if that takes time), then throws TimeoutError.
import { createTask, isCancelledError, sleep, TimeoutError, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* inner(log: Log): Coro<void> {
  try {
    log('inner starts');
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log('inner cancelled', fmt(e));
    throw e;
  } finally {
    log('inner cleanup starts');
    yield* sleep(5);
    log('inner cleanup ends');
  }
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* waitFor(inner(log), 10);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('main caught', fmt(e));
  }
  const t = createTask(inner(log));
  try {
    yield* waitFor(t, 10);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('main caught', fmt(e), 'task cancelled', t.cancelled());
  }
  return null;
}
