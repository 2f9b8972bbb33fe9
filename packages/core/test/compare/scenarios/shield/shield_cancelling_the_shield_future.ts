// Cancelling the future returned by shield() cancels only that future; the
// inner coroutine (wrapped in a task) finishes and its result is kept.
import { getRunningLoop, isCancelledError, shield, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* inner(log: Log): Coro<number> {
  yield* sleep(20);
  log('inner completes');
  return 7;
}

export default function* main(log: Log): Coro<unknown> {
  const s = shield(inner(log));
  yield* sleep(10);
  log('cancel shield', s.cancel());
  try {
    yield* s;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('await shield raised', fmt(e));
  }
  yield* sleep(20);
  const done = getRunningLoop().createFuture<string>();
  done.setResult('d');
  const s2 = shield(done);
  log('shield of done future is that future', s2 === done);
  return null;
}
