// The CPython 3.11-3.13 quirk kept by aio: when a gather with returnExceptions
// is cancelled, it waits for every child and then throws a CancelledError built
// from the LAST child in argument order. Here the last child swallows its
// cancellation and returns, so the error carries no message although the first
// child was cancelled with 'halt'; in the second gather the order is swapped.
import { gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* obedient(log: Log): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) log('obedient cancelled with', fmt(e));
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
  const g = gather(obedient(log), stubborn(log), { returnExceptions: true });
  yield* sleep(10);
  g.cancel('halt');
  try {
    yield* g;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('gather raised', fmt(e));
  }
  const g2 = gather(stubborn(log), obedient(log), { returnExceptions: true });
  yield* sleep(10);
  g2.cancel('halt again');
  try {
    yield* g2;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('second gather raised', fmt(e));
  }
  return null;
}
