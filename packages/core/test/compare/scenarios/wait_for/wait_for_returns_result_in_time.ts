// waitFor returns the result when the awaitable finishes before the timeout;
// a null timeout waits as long as it takes.
import { createTask, sleep, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* work(log: Log, delay: number, v: number): Coro<number> {
  yield* sleep(delay);
  log('work', String(v), 'done');
  return v;
}

export default function* main(log: Log): Coro<unknown> {
  const a = yield* waitFor(work(log, 10, 1), 20);
  log('got', String(a));
  const b = yield* waitFor(work(log, 1000, 2), null);
  log('got', String(b));
  const t = createTask(work(log, 10, 3));
  const c = yield* waitFor(t, 1000);
  log('got', String(c));
  return [a, b, c];
}
