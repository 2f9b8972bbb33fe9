// A task created just before main returns still takes its first step: it was
// queued before the callback that stops the loop when main is done. run() then
// cancels it at its first yield* and its finally runs.
import { createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* late(log: Log): Coro<void> {
  log('late body runs');
  try {
    yield* sleep(1000);
  } finally {
    log('late finally');
  }
}

export default function* main(log: Log): Coro<unknown> {
  createTask(late(log));
  log('main returns');
  return 1;
}
