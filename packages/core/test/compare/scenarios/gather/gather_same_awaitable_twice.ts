// The same coroutine object or task passed twice to gather is run once; its
// result appears twice.
import { createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log): Coro<string> {
  log('child runs');
  yield* sleep(10);
  return 'x';
}

export default function* main(log: Log): Coro<unknown> {
  const t = createTask(child(log));
  const r = yield* gather(t, t);
  log('tasks ->', r);
  const c = child(log);
  const r2 = yield* gather(c, c);
  log('coros ->', r2);
  return [...r, ...r2];
}
