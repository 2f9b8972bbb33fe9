// Timers that are due when an iteration begins run in that iteration, in
// deadline order, after the callbacks that were already ready; what they
// schedule with callSoon runs in the next iteration.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const timer = (name: string): void => {
    log('timer', name);
    loop.callSoon(log, 'soon from', name);
  };
  yield* sleep(10);
  const now = loop.time();
  // Both deadlines are already in the past.
  loop.callAt(now - 2, timer, 'b (deadline 8)');
  loop.callAt(now - 4, timer, 'a (deadline 6)');
  loop.callSoon(log, 'ready callback');
  yield* sleep(0);
  log('main after sleep 0');
  yield* sleep(0);
  log('main after second sleep 0');
  return null;
}
