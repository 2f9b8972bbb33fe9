// One iteration runs only the callbacks that were ready when it began: a
// callback scheduled by a callback waits for the next iteration, behind the
// ones queued earlier.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ticker } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const outer = (name: string): void => {
    log('outer', name);
    loop.callSoon(log, 'inner of', name);
  };
  ticker(log, 4);
  loop.callSoon(outer, 'a');
  loop.callSoon(outer, 'b');
  loop.callSoon(log, 'plain c');
  yield* sleep(0);
  log('main 1');
  yield* sleep(0);
  log('main 2');
  return 'ok';
}
