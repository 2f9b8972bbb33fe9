// wait() with a timeout returns [done, pending] when it expires, without
// cancelling or throwing; the pending tasks run on.
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
  const a = createTask(child(log, 'a', 10));
  const b = createTask(child(log, 'b', 50));
  const nameOf = new Map<Future<unknown>, string>([
    [a, 'a'],
    [b, 'b'],
  ]);
  let [done, pending] = yield* wait([a, b], { timeout: 20 });
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  log('b cancelled', b.cancelled());
  const r = yield* b;
  log('b result', r);
  [done, pending] = yield* wait([a, b], { timeout: 0 });
  log('done', names(done, nameOf), 'pending', names(pending, nameOf));
  return r;
}
