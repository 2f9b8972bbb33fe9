// Several consumers blocked in get(): items go to them in the order they started
// waiting; putNowait wakes one getter per item.
import { Queue, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* consumer(log: Log, q: Queue<string>, name: string): Coro<string> {
  const item = yield* q.get();
  log(name, 'got', item);
  return item;
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<string>();
  const tasks = ['a', 'b', 'c', 'd'].map((n) => createTask(consumer(log, q, n)));
  yield* sleep(0);
  for (const item of ['w', 'x']) q.putNowait(item);
  log('put two; size', q.qsize());
  yield* sleep(0);
  log('size', q.qsize());
  yield* q.put('y');
  yield* q.put('z');
  return yield* gather(tasks);
}
