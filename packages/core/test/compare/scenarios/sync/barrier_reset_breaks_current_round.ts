// reset() while tasks wait: they raise BrokenBarrierError and leave; the barrier
// is usable again once they are out (tasks arriving meanwhile wait for that).
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
  const barrier = new Barrier(2);
  const a = createTask(runner(log, barrier, 'a'));
  yield* sleep(0);
  log('n_waiting', barrier.nWaiting);
  yield* barrier.reset();
  const b = createTask(runner(log, barrier, 'b'));
  const c = createTask(runner(log, barrier, 'c'));
  log('reset; n_waiting', barrier.nWaiting, 'broken', barrier.broken);
  yield* gather(a, b, c);
  log('n_waiting', barrier.nWaiting);
  return undefined;
}
