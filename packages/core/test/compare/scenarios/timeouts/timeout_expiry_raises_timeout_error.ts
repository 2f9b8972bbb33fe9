// When a timeout() block expires, the body is cancelled at its yield* and the
// block throws TimeoutError; expired() is then true and when() the deadline.
import { isCancelledError, sleep, timeout, TimeoutError } from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  let cm: Timeout | undefined;
  try {
    yield* timeout(10, function* (t) {
      cm = t;
      log('when', String(Math.round(t.when()!)), 'expired', t.expired());
      try {
        yield* sleep(1000);
      } catch (e) {
        if (isCancelledError(e)) log('body cancelled', fmt(e));
        throw e;
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('caught', fmt(e), 'expired', cm!.expired());
  }
  let t2: Timeout | undefined;
  yield* timeout(50, function* (t) {
    t2 = t;
    yield* sleep(10);
  });
  log('fast body: expired', t2!.expired());
  return null;
}
