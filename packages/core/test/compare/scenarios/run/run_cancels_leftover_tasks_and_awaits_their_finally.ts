// When main returns, run() cancels every task still pending and waits for them:
// their catch/finally blocks run (even ones that yield*), then the loop closes.
// (CPython cancels them in set order, which is undefined, so each logs only
// after a distinct delay.)
import { createTask, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* background(log: Log, name: string, cleanup: number): Coro<void> {
  try {
    yield* sleep(10_000);
  } catch (e) {
    if (isCancelledError(e)) {
      yield* sleep(cleanup);
      log(name, 'cancelled, cleanup done');
    }
    throw e;
  } finally {
    yield* sleep(cleanup);
    log(name, 'finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  createTask(background(log, 'a', 2));
  createTask(background(log, 'b', 1));
  yield* sleep(10);
  log('main returns');
  return 'main result';
}
