// shutdown(true) (3.13) drops the items left, counts each as done (so join()
// returns once the items taken are done), and wakes every getter to raise.
import { Queue, QueueShutDown, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* consumer(log: Log, q: Queue<number>, name: string): Coro<void> {
  for (;;) {
    let item: number;
    try {
      item = yield* q.get();
    } catch (e) {
      if (!(e instanceof QueueShutDown)) throw e;
      log(name, ename(e));
      return;
    }
    log(name, 'got', item);
    yield* sleep(10);
    q.taskDone();
    log(name, 'done with', item);
  }
}

function* joiner(log: Log, q: Queue<number>): Coro<void> {
  yield* q.join();
  log('join returned');
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<number>();
  for (let i = 0; i < 6; i++) q.putNowait(i);
  const consumers = ['a', 'b'].map((n) => createTask(consumer(log, q, n)));
  const j = createTask(joiner(log, q));
  yield* sleep(15);
  log('size', q.qsize());
  q.shutdown(true);
  log('shut down immediately; size', q.qsize(), 'empty', q.empty());
  yield* gather(...consumers, j);
  return undefined;
}
