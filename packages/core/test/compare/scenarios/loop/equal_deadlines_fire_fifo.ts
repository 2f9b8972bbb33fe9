// Timers with equal deadlines: aio fires them FIFO (a deliberate improvement).
// CPython's heap leaves their order undefined: five timers scheduled at once
// for the same deadline come out a, c, b, d, e. This insertion sequence is one
// whose CPython order happens to be FIFO, so the two can be compared.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  loop.callLater(20, log, 'a 20');
  loop.callLater(20, log, 'b 20');
  loop.callLater(10, log, 'x 10');
  loop.callLater(20, log, 'c 20');
  yield* sleep(10);
  loop.callLater(10, log, 'd 20');
  yield* sleep(20);
  return null;
}
