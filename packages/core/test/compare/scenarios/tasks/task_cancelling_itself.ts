// A task that cancels itself while running: the CancelledError arrives at its
// next suspension point (here a sleep(0)), not at once.
import { createTask, currentTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<string> {
  const me = currentTask()!;
  log('cancel self', me.cancel('self'));
  log('still running, cancelling', String(me.cancelling()));
  try {
    yield* sleep(0);
    log('never here');
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('caught at the next await', fmt(e));
  }
  yield* sleep(0);
  log('goes on');
  return 'done';
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(child(log));
  return yield* t;
}
