// Barrier(3): the third arrival releases the round (it returns first, index 2);
// a fourth task arriving while the round drains waits for the next round.
import { Barrier, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* runner(log: Log, barrier: Barrier, name: string, delay: number): Coro<number> {
  yield* sleep(delay);
  log(name, 'arrives; n_waiting', barrier.nWaiting);
  const i = yield* barrier.wait();
  log(name, 'passes with index', i);
  return i;
}

export default function* main(log: Log): Coro<unknown> {
  const barrier = new Barrier(3);
  log('parties', barrier.parties, 'broken', barrier.broken);
  const jobs: [string, number][] = [
    ['a', 10],
    ['b', 20],
    ['c', 30],
    ['d', 30],
    ['e', 40],
    ['f', 50],
  ];
  const tasks = jobs.map(([n, d]) => createTask(runner(log, barrier, n, d)));
  const res = yield* gather(tasks);
  log('n_waiting', barrier.nWaiting);
  return res;
}
