// Nested timeouts, the outer one shorter: the inner block sees a plain
// CancelledError (not its own timeout) and lets it through; the outer turns it
// into TimeoutError.
import { isCancelledError, sleep, timeout, TimeoutError } from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  let outer: Timeout | undefined;
  try {
    yield* timeout(10, function* (o) {
      outer = o;
      let inner: Timeout | undefined;
      try {
        yield* timeout(50, function* (i) {
          inner = i;
          yield* sleep(1000);
        });
      } catch (e) {
        if (isCancelledError(e)) {
          log('inner block raised', fmt(e), 'inner expired', inner!.expired());
          throw e;
        }
        if (!(e instanceof TimeoutError)) throw e;
        log('inner block raised TimeoutError');
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('outer caught', fmt(e), 'outer expired', outer!.expired());
  }
  return null;
}
