// A getter woken by putNowait() and cancelled before it runs must not lose the
// item: the next getter gets it.
import { Queue, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* consumer(log: Log, q: Queue<string>, name: string): Coro<string> {
  let item: string;
  try {
    item = yield* q.get();
  } catch (e) {
    log(name, ename(e));
    throw e;
  }
  log(name, 'got', item);
  return item;
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<string>();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(consumer(log, q, n)));
  yield* sleep(0);
  q.putNowait('item-1');
  tasks[0]!.cancel();
  yield* sleep(10);
  log(
    'size',
    q.qsize(),
    'done',
    tasks.map((t) => t.done()),
  );
  q.putNowait('item-2');
  const res = yield* gatherWith({ returnExceptions: true }, ...tasks);
  log(
    'results',
    res.map((r) => (typeof r === 'string' ? r : ename(r))),
  );
  return q.qsize();
}
