// A callback can cancel a handle that is due later in the same iteration: it is
// skipped.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro, Handle } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  let third: Handle | undefined;
  const first = (): void => {
    log('first cancels third');
    third!.cancel();
  };
  loop.callSoon(first);
  loop.callSoon(log, 'second');
  third = loop.callSoon(log, 'third');
  loop.callSoon(log, 'fourth');
  yield* sleep(0);
  log('main resumed');
  return null;
}
