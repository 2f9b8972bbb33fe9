// Semaphore(2) lets at most two workers run at once; the others start in FIFO
// order as permits come back.
import { Semaphore, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* worker(
  log: Log,
  sem: Semaphore,
  name: string,
  delay: number,
  running: string[],
): Coro<void> {
  yield* sem.hold(function* () {
    running.push(name);
    log(name, 'starts; running', running.slice().sort());
    yield* sleep(delay);
    running.splice(running.indexOf(name), 1);
    log(name, 'ends');
  });
}

export default function* main(log: Log): Coro<unknown> {
  const sem = new Semaphore(2);
  const running: string[] = [];
  const jobs: [string, number][] = [
    ['a', 30],
    ['b', 10],
    ['c', 20],
    ['d', 10],
    ['e', 10],
  ];
  const tasks = jobs.map(([n, d]) => createTask(worker(log, sem, n, d, running)));
  yield* sleep(0);
  log('locked', sem.locked());
  yield* gather(tasks);
  log('locked', sem.locked());
  return undefined;
}
