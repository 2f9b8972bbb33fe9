// The inner coroutine would finish exactly when the timeout fires. waitFor's
// timer was scheduled first, so it fires first and the result is lost: the
// inner sleep is cancelled and waitFor throws TimeoutError.
import { isCancelledError, sleep, TimeoutError, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* inner(log: Log): Coro<string> {
  try {
    yield* sleep(10);
    log('inner finished');
    return 'value';
  } catch (e) {
    if (isCancelledError(e)) log('inner cancelled');
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  try {
    const r = yield* waitFor(inner(log), 10);
    log('got', r);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('timed out', fmt(e));
  }
  return null;
}
