// A task whose timer was scheduled before waitFor's: both are due in the same
// iteration. The task's sleep completes first, but the timeout's cancel()
// reaches the task before it resumes, so it is cancelled all the same.
import { createTask, isCancelledError, sleep, TimeoutError, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* inner(log: Log): Coro<string> {
  try {
    yield* sleep(10);
    log('inner finished');
    return 'value';
  } catch (e) {
    if (isCancelledError(e)) log('inner cancelled');
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(inner(log));
  yield* sleep(0);
  try {
    const r = yield* waitFor(t, 10);
    log('got', r);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('timed out', fmt(e), 'task cancelled', t.cancelled());
  }
  return null;
}
