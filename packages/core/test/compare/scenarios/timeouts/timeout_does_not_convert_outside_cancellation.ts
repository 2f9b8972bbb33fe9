// A cancel() from outside while a timeout() block is active stays a
// CancelledError: only the block's own cancellation becomes TimeoutError.
import { createTask, isCancelledError, sleep, timeout, TimeoutError } from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* worker(log: Log): Coro<void> {
  let t: Timeout | undefined;
  try {
    yield* timeout(50, function* (tm) {
      t = tm;
      yield* sleep(1000);
    });
  } catch (e) {
    if (isCancelledError(e)) {
      log('worker saw', fmt(e), 'expired', t!.expired());
      throw e;
    }
    if (!(e instanceof TimeoutError)) throw e;
    log('worker saw TimeoutError');
  }
}

export default function* main(log: Log): Coro<unknown> {
  const w = createTask(worker(log));
  yield* sleep(10);
  w.cancel('from outside');
  try {
    yield* w;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  return w.cancelled();
}
