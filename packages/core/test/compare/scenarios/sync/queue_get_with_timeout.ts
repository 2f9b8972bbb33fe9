// waitFor() around Queue.get(): a get that times out leaves no getter behind and
// takes nothing; the next get is served as soon as an item arrives.
import { Queue, createTask, getRunningLoop, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<string>();
  try {
    yield* waitFor(q.get(), 20);
  } catch (e) {
    log('first get:', ename(e));
  }
  getRunningLoop().callLater(10, (x: string) => q.putNowait(x), 'late item');
  const item = yield* waitFor(q.get(), 50);
  log('second get:', item);
  q.putNowait('kept');
  const t = createTask(q.get());
  const r = yield* t;
  log('get as a task:', r, 'size', q.qsize());
  return q.empty();
}
