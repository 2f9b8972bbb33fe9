// A task that calls acquire() while others wait queues behind them even when a
// permit is free at that moment (FIFO fairness).
import { Semaphore, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* worker(log: Log, sem: Semaphore, name: string): Coro<void> {
  log(name, 'acquiring; locked', sem.locked());
  yield* sem.hold(function* () {
    log(name, 'acquired');
    yield* sleep(0);
  });
  log(name, 'released');
}

export default function* main(log: Log): Coro<unknown> {
  const sem = new Semaphore(1);
  yield* sem.acquire();
  const a = createTask(worker(log, sem, 'a'));
  const b = createTask(worker(log, sem, 'b'));
  yield* sleep(0);
  sem.release();
  log('main released; locked', sem.locked());
  const late = createTask(worker(log, sem, 'late'));
  yield* gather(a, b, late);
  log('locked', sem.locked());
  return undefined;
}
