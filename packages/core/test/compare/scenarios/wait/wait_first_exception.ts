// wait(FIRST_EXCEPTION) returns at the first error; with no error it waits for
// all, like ALL_COMPLETED.
import { createTask, sleep, wait } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { Boom, names } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number, fail = false): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  if (fail) throw new Boom(name);
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const a = createTask(child(log, 'a', 10));
  const b = createTask(child(log, 'b', 20, true));
  const c = createTask(child(log, 'c', 30));
  const nameOf = new Map<Future<unknown>, string>([
    [a, 'a'],
    [b, 'b'],
    [c, 'c'],
  ]);
  let [done, pending] = yield* wait([a, b, c], { returnWhen: 'FIRST_EXCEPTION' });
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  const d = createTask(child(log, 'd', 10));
  const e = createTask(child(log, 'e', 20));
  nameOf.set(d, 'd').set(e, 'e');
  [done, pending] = yield* wait([c, d, e], { returnWhen: 'FIRST_EXCEPTION' });
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  return null;
}
