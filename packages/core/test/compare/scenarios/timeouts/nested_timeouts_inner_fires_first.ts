// Nested timeouts, the inner one shorter: the inner block throws TimeoutError,
// the outer one is not involved and its body goes on.
import { currentTask, sleep, timeout, TimeoutError } from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  yield* timeout(50, function* (outer) {
    let inner: Timeout | undefined;
    try {
      yield* timeout(10, function* (i) {
        inner = i;
        yield* sleep(1000);
      });
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      log('inner caught', fmt(e), 'inner expired', inner!.expired());
    }
    yield* sleep(10);
    log('outer body goes on, outer expired', outer.expired());
  });
  return currentTask()!.cancelling();
}
