// A fast producer and a slow consumer through Queue(2): put() blocks while the
// queue is full, so the producer runs at the consumer's pace.
import { Queue, createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* producer(log: Log, q: Queue<number>): Coro<void> {
  for (let i = 0; i < 6; i++) {
    yield* q.put(i);
    log('put', i, 'size', q.qsize(), 'full', q.full());
  }
  log('producer done');
}

function* consumer(log: Log, q: Queue<number>): Coro<number> {
  let total = 0;
  for (let i = 0; i < 6; i++) {
    const item = yield* q.get();
    log('got', item);
    total += item;
    yield* sleep(10);
    q.taskDone();
  }
  return total;
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<number>(2);
  log('maxsize', q.maxsize, 'empty', q.empty());
  const c = createTask(consumer(log, q));
  yield* producer(log, q);
  yield* q.join();
  log('joined');
  return yield* c;
}
