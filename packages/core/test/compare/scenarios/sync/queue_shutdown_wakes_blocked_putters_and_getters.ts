// shutdown() (3.13) wakes every task blocked in put() on a full queue and in
// get() on an empty one: each raises QueueShutDown.
import { Queue, QueueShutDown, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* op(log: Log, name: string, aw: Coro<unknown>): Coro<void> {
  try {
    const r = yield* aw;
    log(name, 'returned', r);
  } catch (e) {
    if (!(e instanceof QueueShutDown)) throw e;
    log(name, ename(e));
  }
}

export default function* main(log: Log): Coro<unknown> {
  const full = new Queue<string>(1);
  full.putNowait('x');
  const empty = new Queue<string>();
  const tasks = [
    createTask(op(log, 'put-1', full.put('y'))),
    createTask(op(log, 'get-1', empty.get())),
    createTask(op(log, 'put-2', full.put('z'))),
    createTask(op(log, 'get-2', empty.get())),
  ];
  yield* sleep(10);
  full.shutdown();
  log('full queue shut down');
  yield* sleep(0);
  empty.shutdown();
  log('empty queue shut down');
  yield* gather(tasks);
  log('full still holds', full.getNowait());
  return undefined;
}
