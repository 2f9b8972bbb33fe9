// waitFor(shield(task), timeout): the timeout cancels only the shield; the
// task runs on and can still be awaited.
import { createTask, shield, sleep, TimeoutError, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* work(log: Log): Coro<string> {
  yield* sleep(30);
  log('work done');
  return 'result';
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(work(log));
  try {
    yield* waitFor(shield(t), 10);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('timed out', fmt(e), 'task cancelled', t.cancelled());
  }
  const r = yield* t;
  log('task result', r);
  return r;
}
