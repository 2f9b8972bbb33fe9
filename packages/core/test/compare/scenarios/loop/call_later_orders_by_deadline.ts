// Timers fire in deadline order whatever order they were scheduled in;
// callAt takes an absolute time; when() reports the deadline.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const h30 = loop.callLater(30, log, 'later 30');
  loop.callLater(10, log, 'later 10');
  const h20 = loop.callAt(loop.time() + 20, log, 'at 20');
  loop.callLater(25, log, 'later 25');
  log('when', String(Math.round(h30.when())), String(Math.round(h20.when())));
  yield* sleep(15);
  loop.callAt(18, log, 'at 18 (absolute)');
  loop.callLater(0, log, 'later 0');
  yield* sleep(50);
  return 'done';
}
