// A done callback that adds another callback to the same (done) future: the new
// one is scheduled with callSoon, so it runs after everything already queued.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { ticker } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<null>();
  const late = (): void => log('late');
  const first = (f: Future<null>): void => {
    log('first');
    f.addDoneCallback(late);
  };
  const second = (): void => log('second');
  fut.addDoneCallback(first);
  fut.addDoneCallback(second);
  ticker(log, 3);
  fut.setResult(null);
  yield* sleep(10);
  return 'ok';
}
