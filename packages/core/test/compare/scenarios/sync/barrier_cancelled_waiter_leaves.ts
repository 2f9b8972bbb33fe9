// A task cancelled while it waits at a barrier just leaves: the barrier is not
// broken and the next tasks fill it as usual.
import { Barrier, createTask, gather, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* runner(log: Log, barrier: Barrier, name: string): Coro<void> {
  try {
    const i = yield* barrier.wait();
    log(name, 'passes', i);
  } catch (e) {
    log(name, ename(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const barrier = new Barrier(2);
  const p = createTask(runner(log, barrier, 'p'));
  yield* sleep(0);
  log('n_waiting', barrier.nWaiting);
  p.cancel();
  yield* gatherWith({ returnExceptions: true }, p);
  log('n_waiting', barrier.nWaiting, 'broken', barrier.broken);
  yield* gather(['q', 'r'].map((n) => createTask(runner(log, barrier, n))));
  return undefined;
}
