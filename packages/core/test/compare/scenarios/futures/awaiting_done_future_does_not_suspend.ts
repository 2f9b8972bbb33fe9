// Awaiting an already-done future returns at once: the task does not give up
// control, so another task cannot run in between.
import { createTask, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* other(log: Log): Coro<void> {
  for (let i = 0; i < 3; i++) {
    log('other', String(i));
    yield* sleep(0);
  }
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  fut.setResult(1);
  const task = createTask(other(log));
  yield* sleep(0);
  log('main start');
  let total = 0;
  for (let i = 0; i < 3; i++) {
    total += yield* fut;
    log('main awaited done future', String(total));
  }
  yield* task;
  const doneTask = task;
  const r = yield* doneTask;
  log('awaited done task', r);
  return total;
}
