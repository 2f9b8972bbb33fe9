// A task cancelled before its first step never runs any of its body, not even
// up to its first yield*; awaiting it throws CancelledError with the message.
import { createTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<void> {
  log('child body runs');
  try {
    yield* sleep(1000);
  } finally {
    log('child finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  const task = createTask(child(log));
  log('cancel', task.cancel('early'));
  log('cancelling', String(task.cancelling()));
  try {
    yield* task;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('await raised', fmt(e));
  }
  log('cancelled', task.cancelled(), 'cancel again', task.cancel());
  return null;
}
