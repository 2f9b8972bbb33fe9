// When main throws, run() still cancels and awaits the leftover tasks, then
// rejects with main's error.
import { createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom } from '../../harness';
import type { Log } from '../../harness';

function* background(log: Log): Coro<void> {
  try {
    yield* sleep(10_000);
  } finally {
    yield* sleep(5);
    log('background finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  createTask(background(log));
  yield* sleep(10);
  log('main raises');
  throw new Boom('main failed');
}
