// An error thrown by the inner awaitable propagates unchanged through waitFor.
import { sleep, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom } from '../../harness';
import type { Log } from '../../harness';

function* failing(): Coro<never> {
  yield* sleep(10);
  throw new Boom('inner failed');
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* waitFor(failing(), 1000);
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('caught Boom', e.message);
  }
  return yield* waitFor(failing(), 1000);
}
