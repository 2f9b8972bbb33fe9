// A child cancelled on its own (not through the gather) makes the gather throw
// CancelledError, without cancelling the other children.
import { createTask, gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  try {
    yield* sleep(delay);
    log(name, 'finished');
    return name;
  } catch (e) {
    if (isCancelledError(e)) log(name, 'cancelled with', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const t1 = createTask(child(log, 'one', 50));
  const t2 = createTask(child(log, 'two', 20));
  const g = gather(t1, t2);
  yield* sleep(10);
  t1.cancel('only one');
  try {
    yield* g;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('gather raised', fmt(e), 'gather cancelled()', g.cancelled());
  }
  yield* sleep(50);
  log('two result', t2.result());
  return null;
}
