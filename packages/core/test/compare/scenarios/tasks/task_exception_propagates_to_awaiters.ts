// A task's exception is thrown in every awaiter and returned by exception().
import { createTask, sleep } from '../../../../src/index';
import type { Coro, Task } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<void> {
  yield* sleep(10);
  log('child raises');
  throw new Boom('child failed');
}

function* other(log: Log, task: Task<void>): Coro<void> {
  try {
    yield* task;
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('other caught', fmt(e));
  }
}

export default function* main(log: Log): Coro<unknown> {
  const task = createTask(child(log));
  const o = createTask(other(log, task));
  try {
    yield* task;
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('main caught', fmt(e));
  }
  yield* o;
  log('exception()', fmt(task.exception()), 'cancelled', task.cancelled());
  return null;
}
