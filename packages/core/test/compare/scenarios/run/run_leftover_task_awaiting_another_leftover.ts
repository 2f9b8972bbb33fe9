// Leftover tasks that await one another when main returns: run() cancels both;
// the awaiting one sees the cancellation of the one it awaits as well.
import { createTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro, Task } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* leaf(log: Log): Coro<void> {
  try {
    yield* sleep(10_000);
  } catch (e) {
    if (isCancelledError(e)) {
      yield* sleep(1);
      log('leaf cancelled', fmt(e));
    }
    throw e;
  }
}

function* parent(log: Log, t: Task<void>): Coro<void> {
  try {
    yield* t;
  } catch (e) {
    if (isCancelledError(e)) {
      yield* sleep(2);
      log('parent cancelled', fmt(e), 'leaf cancelled', t.cancelled());
    }
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(leaf(log));
  createTask(parent(log, t));
  yield* sleep(10);
  return 'main done';
}
