// Without returnExceptions, a cancelled gather throws as soon as the first
// child ends cancelled, with that child's CancelledError (and its message);
// the gather future then holds that error, it is not itself cancelled().
import { gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* obedient(log: Log, name: string): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log(name, 'cancelled with', fmt(e));
    throw e;
  }
}

function* stubborn(log: Log): Coro<string> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('stubborn ignores', fmt(e));
  }
  yield* sleep(5);
  log('stubborn returns');
  return 'stubborn result';
}

export default function* main(log: Log): Coro<unknown> {
  const g = gather(stubborn(log), obedient(log, 'o1'), obedient(log, 'o2'));
  yield* sleep(10);
  g.cancel('halt');
  try {
    yield* g;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('gather raised', fmt(e), 'cancelled()', g.cancelled());
  }
  yield* sleep(10);
  return null;
}
