// cpython#90155: two release() calls wake two waiters; the first is cancelled
// before it runs, so its permit must go to the third waiter instead of being lost.
import { Semaphore, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* waiter(log: Log, sem: Semaphore, name: string): Coro<void> {
  try {
    yield* sem.acquire();
  } catch (e) {
    log(name, ename(e));
    throw e;
  }
  log(name, 'acquired');
}

export default function* main(log: Log): Coro<unknown> {
  const sem = new Semaphore(0);
  const tasks = ['a', 'b', 'c', 'd'].map((n) => createTask(waiter(log, sem, n)));
  yield* sleep(0);
  sem.release();
  sem.release();
  tasks[0]!.cancel();
  yield* sleep(10);
  log(
    'done',
    tasks.map((t) => t.done()),
    'locked',
    sem.locked(),
  );
  sem.release();
  const res = yield* gatherWith({ returnExceptions: true }, ...tasks);
  log(
    'results',
    res.map((r) => (r === undefined ? 'ok' : ename(r))),
  );
  return sem.locked();
}
