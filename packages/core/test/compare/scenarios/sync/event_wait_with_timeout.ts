// waitFor() around Event.wait(): the first wait times out (and leaves no waiter
// behind), the second is woken by set() before its deadline.
import { Event, getRunningLoop, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const ev = new Event();
  try {
    yield* waitFor(ev.wait(), 50);
  } catch (e) {
    log('first wait:', ename(e));
  }
  getRunningLoop().callLater(30, () => ev.set());
  const r = yield* waitFor(ev.wait(), 50);
  log('second wait:', r);
  return ev.isSet();
}
