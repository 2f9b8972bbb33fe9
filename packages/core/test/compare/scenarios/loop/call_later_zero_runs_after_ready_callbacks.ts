// callLater(0, ...) and callAt(now, ...) are timers: they run in the next
// iteration, after the callbacks that are ready then (even ones scheduled after
// them with callSoon).
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const cb = (): void => {
    loop.callLater(0, log, 'later 0');
    loop.callAt(loop.time(), log, 'at now');
    loop.callSoon(log, 'soon');
  };
  loop.callSoon(cb);
  yield* sleep(0);
  log('main 1');
  yield* sleep(0);
  log('main 2');
  yield* sleep(0);
  log('main 3');
  return null;
}
