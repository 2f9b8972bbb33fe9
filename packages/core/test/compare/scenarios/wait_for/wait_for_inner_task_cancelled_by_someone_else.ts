// If the inner task of waitFor is cancelled by someone else, waitFor throws
// CancelledError (not TimeoutError).
import {
  createTask,
  currentTask,
  getRunningLoop,
  isCancelledError,
  sleep,
  TimeoutError,
  waitFor,
} from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* work(): Coro<void> {
  yield* sleep(1000);
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const t = createTask(work());
  loop.callLater(10, () => t.cancel('other'));
  try {
    yield* waitFor(t, 50);
  } catch (e) {
    if (e instanceof TimeoutError) log('TimeoutError');
    else if (isCancelledError(e)) {
      log('wait_for raised', fmt(e), 'cancelling', String(currentTask()!.cancelling()));
    } else throw e;
  }
  yield* sleep(100);
  log('main goes on');
  return null;
}
