// A task waiting on a future resumes in the iteration after the future
// completes (its wake-up is a done callback scheduled with callSoon).
import { createTask, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { ticker } from '../../harness';
import type { Log } from '../../harness';

function* waiter(log: Log, fut: Future<string>): Coro<string> {
  log('waiter waits');
  const v = yield* fut;
  log('waiter resumed with', v);
  return v;
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<string>();
  const task = createTask(waiter(log, fut));
  yield* sleep(0);
  ticker(log, 4);
  loop.callSoon((v: string) => fut.setResult(v), 'v');
  log('main awaits task');
  const r = yield* task;
  log('main got', r);
  return r;
}
