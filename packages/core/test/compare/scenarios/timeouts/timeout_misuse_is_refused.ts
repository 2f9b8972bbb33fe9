// reschedule() after the block has expired throws (asyncio: RuntimeError; aio:
// an Error); an error thrown by the body passes through unchanged.
import { sleep, timeout, TimeoutError } from '../../../../src/index';
import type { Coro, Timeout } from '../../../../src/index';
import { Boom, ename, fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* timeout(50, function* () {
      yield* sleep(10);
      throw new Boom('body error');
    });
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('body error passes through', fmt(e));
  }
  let t: Timeout | undefined;
  try {
    yield* timeout(10, function* (tm) {
      t = tm;
      yield* sleep(1000);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('timed out');
  }
  try {
    t!.reschedule(null);
  } catch (e) {
    log('reschedule after expiry raised', ename(e));
  }
  return null;
}
