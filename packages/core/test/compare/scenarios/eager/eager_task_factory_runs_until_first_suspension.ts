// With eagerTaskFactory, createTask runs the coroutine synchronously up to
// its first suspension; a coroutine that never suspends is done at once.
import { createTask, eagerTaskFactory, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* quick(log: Log): Coro<string> {
  log('quick runs');
  return 'quick';
}

function* slow(log: Log): Coro<string> {
  log('slow starts');
  yield* sleep(10);
  log('slow resumes');
  return 'slow';
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  loop.setTaskFactory(eagerTaskFactory);
  log('factory set', loop.getTaskFactory() === eagerTaskFactory);
  const t1 = createTask(quick(log));
  log('after create quick, done', t1.done());
  const t2 = createTask(slow(log));
  log('after create slow, done', t2.done());
  const r = [yield* t1, yield* t2];
  loop.setTaskFactory(null);
  const t3 = createTask(quick(log));
  log('default factory again, done', t3.done());
  r.push(yield* t3);
  return r;
}
