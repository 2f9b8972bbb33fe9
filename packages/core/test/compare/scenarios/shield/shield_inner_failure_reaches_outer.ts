// If the shielded inner awaitable fails or is cancelled, the outer future gets
// the same outcome.
import { createTask, isCancelledError, shield, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* failing(): Coro<never> {
  yield* sleep(10);
  throw new Boom('inner');
}

function* sleeper(): Coro<void> {
  yield* sleep(1000);
}

export default function* main(log: Log): Coro<unknown> {
  try {
    yield* shield(failing());
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('outer got', fmt(e));
  }
  const t = createTask(sleeper());
  const s = shield(t);
  yield* sleep(10);
  t.cancel('inner cancelled');
  try {
    yield* s;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('outer got', fmt(e), 'outer cancelled()', s.cancelled());
  }
  return null;
}
