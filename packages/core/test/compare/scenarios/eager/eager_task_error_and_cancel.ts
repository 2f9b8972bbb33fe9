// An eager task that fails synchronously is done with its error at once; an
// eager task cancelled after its first suspension behaves like any task.
import {
  createTask,
  eagerTaskFactory,
  getRunningLoop,
  isCancelledError,
  sleep,
} from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* failing(log: Log): Coro<never> {
  log('failing runs');
  throw new Boom('eager failure');
}

function* sleeper(log: Log): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log('sleeper cancelled', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  loop.setTaskFactory(eagerTaskFactory);
  const t = createTask(failing(log));
  log('done', t.done(), 'exception', fmt(t.exception()));
  const s = createTask(sleeper(log));
  s.cancel('stop');
  try {
    yield* s;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  return null;
}
