// tg.cancel() (CPython 3.15, gh-108951): cancels the group's unfinished tasks
// and the body, and the block ends WITHOUT throwing CancelledError. The body
// goes on until its next yield*.
import { isCancelledError, sleep, taskGroup } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string): Coro<void> {
  try {
    yield* sleep(1000);
    log(name, 'ends');
  } catch (e) {
    if (isCancelledError(e)) log(name, 'cancelled', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  yield* taskGroup(function* (tg) {
    tg.createTask(child(log, 'a'));
    yield* sleep(10);
    tg.cancel();
    log('body runs on after cancel()');
    yield* sleep(1000);
    log('never here');
  });
  log('block ended without error');
  return 'ok';
}
