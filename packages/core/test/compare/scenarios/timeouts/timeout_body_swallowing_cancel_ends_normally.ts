// A body that catches the timeout's cancellation and ends normally: no
// TimeoutError, but expired() is true.
import { currentTask, isCancelledError, sleep, timeout } from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  let t: Timeout | undefined;
  yield* timeout(10, function* (tm) {
    t = tm;
    try {
      yield* sleep(1000);
    } catch (e) {
      if (!isCancelledError(e)) throw e;
      log('body swallows the cancellation');
    }
    yield* sleep(10);
    log('body ends');
  });
  log('after block, expired', t!.expired(), 'cancelling', String(currentTask()!.cancelling()));
  return 'normal';
}
