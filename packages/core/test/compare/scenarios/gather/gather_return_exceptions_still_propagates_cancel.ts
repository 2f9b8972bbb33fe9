// Even with returnExceptions, cancelling the gather itself makes it throw
// CancelledError (the children become CancelledErrors).
import { gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(v: number): Coro<number> {
  yield* sleep(1000);
  return v;
}

export default function* main(log: Log): Coro<unknown> {
  const g = gather(child(1), child(2), { returnExceptions: true });
  yield* sleep(10);
  g.cancel();
  try {
    const r = yield* g;
    log('gather returned', fmt(r));
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('gather raised', fmt(e));
  }
  return g.cancelled();
}
