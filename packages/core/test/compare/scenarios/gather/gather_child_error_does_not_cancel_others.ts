// The first child error is thrown by gather at once; the other children are not
// cancelled and run to their end.
import { createTask, gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number, fail = false): Coro<string> {
  try {
    yield* sleep(delay);
    if (fail) {
      log(name, 'raises');
      throw new Boom(name);
    }
    log(name, 'finishes');
    return name;
  } catch (e) {
    if (isCancelledError(e)) log(name, 'was cancelled');
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const tSlow = createTask(child(log, 'slow', 30));
  const g = gather(child(log, 'fails', 10, true), tSlow, child(log, 'b', 20));
  try {
    yield* g;
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('gather raised', fmt(e));
  }
  log('slow done', tSlow.done());
  yield* sleep(50);
  log('slow result', tSlow.result(), 'gather done', g.done());
  return null;
}
