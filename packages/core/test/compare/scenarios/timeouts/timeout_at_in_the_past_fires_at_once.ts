// timeoutAt() with a deadline already past (or now) expires at the body's
// first yield*, in the next iteration; code before it runs.
import { getRunningLoop, sleep, timeout, TimeoutError, timeoutAt } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt, ticker } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  yield* sleep(10);
  ticker(log, 3);
  try {
    yield* timeoutAt(loop.time() - 5, function* () {
      log('body starts');
      yield* sleep(1000);
      log('never here');
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('caught', fmt(e));
  }
  try {
    yield* timeout(0, function* () {
      log('body starts');
      yield* sleep(0);
      log('after sleep 0');
      yield* sleep(0);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('caught', fmt(e));
  }
  return null;
}
