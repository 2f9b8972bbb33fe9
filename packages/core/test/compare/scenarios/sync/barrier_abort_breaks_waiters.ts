// abort() breaks the barrier: tasks waiting in it and every later wait() raise
// BrokenBarrierError; reset() makes it usable again.
import { Barrier, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* runner(log: Log, barrier: Barrier, name: string): Coro<void> {
  try {
    const i = yield* barrier.wait();
    log(name, 'passes', i);
  } catch (e) {
    log(name, ename(e), (e as Error).message);
  }
}

export default function* main(log: Log): Coro<unknown> {
  const barrier = new Barrier(3);
  let tasks = ['a', 'b'].map((n) => createTask(runner(log, barrier, n)));
  yield* sleep(10);
  log('aborting; n_waiting', barrier.nWaiting);
  yield* barrier.abort();
  log('broken', barrier.broken, 'n_waiting', barrier.nWaiting);
  yield* gather(tasks);
  yield* runner(log, barrier, 'late');
  yield* barrier.reset();
  log('after reset: broken', barrier.broken);
  tasks = ['x', 'y', 'z'].map((n) => createTask(runner(log, barrier, n)));
  yield* gather(tasks);
  return undefined;
}
