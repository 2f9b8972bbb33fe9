// If the inner awaitable swallows the cancellation caused by the timeout and
// returns a value, waitFor returns that value (3.12+ semantics).
import { isCancelledError, sleep, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* stubborn(log: Log): Coro<string> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('stubborn swallows the cancellation');
  }
  yield* sleep(5);
  return 'late value';
}

export default function* main(log: Log): Coro<unknown> {
  const r = yield* waitFor(stubborn(log), 10);
  log('wait_for returned', r);
  return r;
}
