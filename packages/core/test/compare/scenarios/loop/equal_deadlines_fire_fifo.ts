// Timers with equal deadlines: aio fires them FIFO. CPython's heap leaves the
// order undefined in general; for this insertion sequence it is FIFO too.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  loop.callLater(20, log, 'a 20');
  loop.callLater(10, log, 'b 10');
  loop.callLater(20, log, 'c 20');
  yield* sleep(10);
  loop.callLater(10, log, 'd 20');
  yield* sleep(20);
  return null;
}
