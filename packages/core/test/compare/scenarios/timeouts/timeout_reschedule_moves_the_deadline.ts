// reschedule() moves the deadline later, earlier, or off (null).
import { getRunningLoop, sleep, timeout, TimeoutError } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  yield* timeout(10, function* (t) {
    t.reschedule(loop.time() + 30);
    yield* sleep(20);
    log('survived past the first deadline, when', String(Math.round(t.when()!)));
  });
  try {
    yield* timeout(null, function* (t) {
      log('when is None', t.when() === null);
      yield* sleep(10);
      t.reschedule(loop.time() + 5);
      yield* sleep(1000);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('caught', fmt(e));
  }
  yield* timeout(10, function* (t) {
    t.reschedule(null);
    yield* sleep(20);
    log('no deadline, expired', t.expired());
  });
  return null;
}
