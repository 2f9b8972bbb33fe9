// asCompleted with a timeout: after it expires the next yield* throws
// TimeoutError; the unfinished inputs are not cancelled.
import { asCompleted, createTask, sleep, TimeoutError } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const slow = createTask(child(log, 'slow', 50));
  const aws = [slow, child(log, 'fast', 10)];
  const got: string[] = [];
  try {
    for (const next of asCompleted(aws, { timeout: 20 })) {
      got.push(yield* next);
      log('got', got[got.length - 1]);
    }
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('as_completed raised', fmt(e), 'slow cancelled', slow.cancelled());
  }
  log('slow result', yield* slow);
  return got;
}
