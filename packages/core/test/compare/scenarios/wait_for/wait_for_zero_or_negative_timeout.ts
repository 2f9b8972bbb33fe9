// A timeout <= 0: a done future gives its result; a coroutine is cancelled
// before it runs any of its body and waitFor throws TimeoutError at once.
import { getRunningLoop, TimeoutError, waitFor } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* body(log: Log, name: string): Coro<string> {
  log(name, 'body runs');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const done = loop.createFuture<string>();
  done.setResult('ready');
  log('done future ->', yield* waitFor(done, 0));
  for (const timeout of [0, -1]) {
    try {
      yield* waitFor(body(log, `coro ${timeout}`), timeout);
    } catch (e) {
      if (!(e instanceof TimeoutError)) throw e;
      log('timeout', String(timeout), 'raised', fmt(e));
    }
  }
  const pending = loop.createFuture<unknown>();
  try {
    yield* waitFor(pending, 0);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    log('pending future raised', fmt(e), 'cancelled', pending.cancelled());
  }
  return null;
}
