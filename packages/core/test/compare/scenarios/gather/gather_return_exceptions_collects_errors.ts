// With returnExceptions the errors (and CancelledErrors of cancelled
// children) take their place in the result list.
import { createTask, gather, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* ok<T>(delay: number, v: T): Coro<T> {
  yield* sleep(delay);
  return v;
}

function* bad(delay: number, msg: string): Coro<never> {
  yield* sleep(delay);
  throw new Boom(msg);
}

export default function* main(log: Log): Coro<unknown> {
  const victim = createTask(ok(50, 'never'));
  getRunningLoop().callLater(10, () => victim.cancel('victim cancelled'));
  const r = yield* gather(ok(20, 1), bad(5, 'e1'), victim, bad(30, 'e2'), {
    returnExceptions: true,
  });
  log('results', fmt(r));
  return r.length;
}
