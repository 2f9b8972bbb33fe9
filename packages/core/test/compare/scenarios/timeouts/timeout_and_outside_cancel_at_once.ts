// The timeout fires and an outside cancel() arrives before the task resumes:
// two cancel requests, so the block does not convert: CancelledError escapes.
import {
  createTask,
  currentTask,
  getRunningLoop,
  isCancelledError,
  sleep,
  timeout,
  TimeoutError,
} from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* worker(log: Log): Coro<void> {
  let t: Timeout | undefined;
  try {
    yield* timeout(10, function* (tm) {
      t = tm;
      yield* sleep(1000);
    });
  } catch (e) {
    if (isCancelledError(e)) {
      log(
        'worker saw',
        fmt(e),
        'expired',
        t!.expired(),
        'cancelling',
        String(currentTask()!.cancelling()),
      );
      throw e;
    }
    if (!(e instanceof TimeoutError)) throw e;
    log('worker saw TimeoutError');
  }
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const w = createTask(worker(log));
  yield* sleep(0);
  loop.callAt(10, () => w.cancel('outside'));
  try {
    yield* w;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  return w.cancelled();
}
