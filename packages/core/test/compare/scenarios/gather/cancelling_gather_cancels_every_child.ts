// Cancelling the gather future cancels every child; awaiting it throws
// CancelledError; cancel() on it returns true once, then false when done.
import { createTask, gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  try {
    yield* sleep(delay);
    return name;
  } catch (e) {
    if (isCancelledError(e)) log(name, 'cancelled with', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const t1 = createTask(child(log, 'one', 1000));
  const g = gather(t1, child(log, 'two', 1000));
  yield* sleep(10);
  log('cancel gather', g.cancel('halt'));
  try {
    yield* g;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('gather raised', fmt(e));
  }
  log('gather cancelled', g.cancelled(), 'child cancelled', t1.cancelled());
  log('cancel again', g.cancel());
  return null;
}
