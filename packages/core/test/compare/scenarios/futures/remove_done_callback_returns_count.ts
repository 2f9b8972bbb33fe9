// removeDoneCallback removes every registration of the callback and returns
// how many were removed; other callbacks keep their order.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<null>();
  const a = (): void => log('a');
  const b = (): void => log('b');
  fut.addDoneCallback(a);
  fut.addDoneCallback(b);
  fut.addDoneCallback(a);
  fut.addDoneCallback(b);
  log('removed a', String(fut.removeDoneCallback(a)));
  log('removed a again', String(fut.removeDoneCallback(a)));
  fut.setResult(null);
  // Once done, the callbacks are already scheduled: nothing left to remove.
  log('removed b after done', String(fut.removeDoneCallback(b)));
  yield* sleep(0);
  return 'end';
}
