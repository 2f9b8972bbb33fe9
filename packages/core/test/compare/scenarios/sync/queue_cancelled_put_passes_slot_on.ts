// A putter woken by getNowait() and cancelled before it runs passes the free
// slot to the next putter.
import { Queue, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* producer(log: Log, q: Queue<string>, item: string): Coro<void> {
  try {
    yield* q.put(item);
  } catch (e) {
    log(item, ename(e));
    throw e;
  }
  log(item, 'put');
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<string>(1);
  q.putNowait('first');
  const tasks = ['p1', 'p2', 'p3'].map((n) => createTask(producer(log, q, n)));
  yield* sleep(0);
  log('took', q.getNowait());
  tasks[0]!.cancel();
  yield* sleep(10);
  log(
    'queue',
    q.getNowait(),
    'done',
    tasks.map((t) => t.done()),
  );
  yield* sleep(0);
  log('queue', q.getNowait());
  const res = yield* gatherWith({ returnExceptions: true }, ...tasks);
  log(
    'results',
    res.map((r) => (r === undefined ? 'ok' : ename(r))),
  );
  return undefined;
}
