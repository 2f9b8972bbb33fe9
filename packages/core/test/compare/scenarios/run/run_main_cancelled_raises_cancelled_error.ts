// A main task that ends cancelled makes run() reject with CancelledError.
import { currentTask, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const me = currentTask()!;
  loop.callLater(10, () => me.cancel('main cancelled'));
  try {
    yield* sleep(1000);
  } finally {
    log('main finally');
  }
  return null;
}
