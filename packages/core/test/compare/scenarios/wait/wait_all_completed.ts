// wait(ALL_COMPLETED) returns when every awaitable is done; errors stay inside
// the done futures, nothing is thrown.
import { createTask, sleep, wait } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import { Boom, fmt, names } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number, fail = false): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  if (fail) throw new Boom(name);
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const a = createTask(child(log, 'a', 20));
  const b = createTask(child(log, 'b', 10, true));
  const c = createTask(child(log, 'c', 30));
  const nameOf = new Map<Future<unknown>, string>([
    [a, 'a'],
    [b, 'b'],
    [c, 'c'],
  ]);
  const [done, pending] = yield* wait([a, b, c]);
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  log('b exception', fmt(b.exception()));
  return a.result();
}
