// createTask on a group whose block has finished throws (asyncio:
// RuntimeError; aio: an Error) and the coroutine is never run.
import { sleep, taskGroup } from '../../../../src/index';
import type { Coro, TaskGroup } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log): Coro<void> {
  log('child runs');
}

export default function* main(log: Log): Coro<unknown> {
  let group: TaskGroup | undefined;
  yield* taskGroup(function* (tg) {
    group = tg;
    tg.createTask(child(log));
  });
  const coro = child(log);
  try {
    group!.createTask(coro);
  } catch (e) {
    log('create_task raised', ename(e));
  }
  coro.return(undefined);
  yield* sleep(0);
  return null;
}
