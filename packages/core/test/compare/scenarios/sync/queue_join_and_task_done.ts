// join() waits until taskDone() was called once per item put; calling
// taskDone() more often than that raises (ValueError in asyncio, RangeError in aio).
import { Queue, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* worker(log: Log, q: Queue<number>, name: string): Coro<void> {
  for (;;) {
    const item = yield* q.get();
    yield* sleep(item);
    log(name, 'processed', item);
    q.taskDone();
  }
}

export default function* main(log: Log): Coro<unknown> {
  const q = new Queue<number>();
  yield* q.join();
  log('join on a fresh queue returns at once');
  for (const item of [30, 10, 20, 10]) q.putNowait(item);
  const workers = ['w1', 'w2'].map((n) => createTask(worker(log, q, n)));
  yield* q.join();
  log('all processed');
  for (const w of workers) w.cancel();
  yield* gatherWith({ returnExceptions: true }, ...workers);
  try {
    q.taskDone();
  } catch (e) {
    if (e instanceof RangeError) log('task_done too many times refused');
  }
  return undefined;
}
