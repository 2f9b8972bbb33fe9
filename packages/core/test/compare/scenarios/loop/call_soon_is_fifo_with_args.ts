// callSoon callbacks run in FIFO order, with their arguments, after the
// current step has finished.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  for (let i = 0; i < 4; i++) loop.callSoon(log, 'soon', String(i));
  log('scheduled');
  yield* sleep(0);
  log('main resumed');
  return null;
}
