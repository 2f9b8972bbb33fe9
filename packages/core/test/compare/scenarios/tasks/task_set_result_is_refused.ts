// setResult()/setException() on a task throw (asyncio: RuntimeError; aio: an
// Error) and change nothing.
import { createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, ename } from '../../harness';
import type { Log } from '../../harness';

function* child(): Coro<string> {
  yield* sleep(10);
  return 'real';
}

export default function* main(log: Log): Coro<unknown> {
  const task = createTask(child());
  try {
    task.setResult('fake');
  } catch (e) {
    log('set_result raised', ename(e));
  }
  try {
    task.setException(new Boom('fake'));
  } catch (e) {
    log('set_exception raised', ename(e));
  }
  log('done', task.done());
  return yield* task;
}
