// Queue.shutdown() (3.13): put() raises QueueShutDown at once, while getters
// first drain the items left and only then raise.
import { Queue, QueueShutDown, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* consumer(log: Log, q: Queue<number>, name: string): Coro<number[]> {
  const got: number[] = [];
  for (;;) {
    let item: number;
    try {
      item = yield* q.get();
    } catch (e) {
      if (!(e instanceof QueueShutDown)) throw e;
      log(name, ename(e), 'after', got);
      return got;
    }
    got.push(item);
    yield* sleep(10);
  }
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<number>();
  for (let i = 0; i < 5; i++) q.putNowait(i);
  const consumers = ['a', 'b'].map((n) => createTask(consumer(log, q, n)));
  yield* sleep(15);
  q.shutdown();
  log('shut down; size', q.qsize());
  try {
    yield* q.put(99);
  } catch (e) {
    if (e instanceof QueueShutDown) log('put:', ename(e));
  }
  try {
    q.putNowait(99);
  } catch (e) {
    if (e instanceof QueueShutDown) log('put_nowait:', ename(e));
  }
  const res = yield* gather(consumers);
  try {
    q.getNowait();
  } catch (e) {
    if (e instanceof QueueShutDown) log('get_nowait:', ename(e));
  }
  return res;
}
