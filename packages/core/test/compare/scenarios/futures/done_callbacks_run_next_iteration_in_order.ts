// Done callbacks are scheduled with callSoon in registration order when the
// future completes; none runs synchronously inside setResult().
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ticker } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  for (const name of ['a', 'b', 'c']) {
    fut.addDoneCallback((f) => log('cb', name, String(f.result())));
  }
  ticker(log, 3);
  fut.setResult(7);
  log('set_result returned');
  yield* sleep(0);
  log('main after sleep 0');
  yield* sleep(0);
  log('main after second sleep 0');
  return fut.result();
}
