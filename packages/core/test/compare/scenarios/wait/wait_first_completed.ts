// wait(FIRST_COMPLETED) returns as soon as one is done (all the ones done in the
// same iteration count); the others keep running.
import { createTask, sleep, wait } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { names } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const a = createTask(child(log, 'a', 20));
  const b = createTask(child(log, 'b', 10));
  const c = createTask(child(log, 'c', 10));
  const d = createTask(child(log, 'd', 30));
  const nameOf = new Map<Future<unknown>, string>([
    [a, 'a'],
    [b, 'b'],
    [c, 'c'],
    [d, 'd'],
  ]);
  let [done, pending] = yield* wait([a, b, c, d], { returnWhen: 'FIRST_COMPLETED' });
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  [done, pending] = yield* wait(pending, { returnWhen: 'FIRST_COMPLETED' });
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  yield* d;
  return null;
}
