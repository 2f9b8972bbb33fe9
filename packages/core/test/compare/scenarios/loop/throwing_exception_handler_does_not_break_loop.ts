// An exception handler that throws itself cannot break the loop: the loop
// reports that elsewhere and runs the next callback.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Bang, Boom } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const handler = (): void => {
    log('handler called');
    throw new Bang('handler fails');
  };
  const bad = (): void => {
    log('bad runs');
    throw new Boom('callback fails');
  };
  loop.setExceptionHandler(handler);
  loop.callSoon(bad);
  loop.callSoon(log, 'after bad');
  yield* sleep(0);
  log('main resumed');
  yield* sleep(10);
  log('still running');
  loop.setExceptionHandler(null);
  return 'survived';
}
