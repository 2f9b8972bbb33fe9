// Failures thrown while the group is already aborting (in a sibling's cleanup,
// or from the body) are collected too, in the order they happened; the body's
// own error comes last.
import { sleep, TaskGroupError, taskGroup } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Bang, Boom, fmt, Oops } from '../../harness';
import type { Log } from '../../harness';

function* first(): Coro<void> {
  yield* sleep(10);
  throw new Boom('first');
}

function* cleanupFails(log: Log): Coro<void> {
  try {
    yield* sleep(1000);
  } finally {
    log('cleanup_fails cleans up');
    // biome-ignore lint/correctness/noUnsafeFinally: the failure in cleanup is the point
    throw new Bang('in cleanup');
  }
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(first());
      tg.createTask(cleanupFails(log));
      yield* sleep(5);
      throw new Oops('body');
    });
  } catch (e) {
    if (!(e instanceof TaskGroupError)) throw e;
    log('caught', fmt(e));
  }
  try {
    yield* taskGroup(function* (tg) {
      tg.createTask(first());
      tg.createTask(cleanupFails(log));
    });
  } catch (e) {
    if (!(e instanceof TaskGroupError)) throw e;
    log('caught', fmt(e));
  }
  return null;
}
