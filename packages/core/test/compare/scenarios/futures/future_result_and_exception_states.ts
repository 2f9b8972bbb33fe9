// result()/exception() on a pending future throw InvalidStateError; a future
// holding an exception re-throws it from result() and returns it from exception().
import { getRunningLoop, InvalidStateError } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, ename, fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  for (const what of ['result', 'exception'] as const) {
    try {
      fut[what]();
    } catch (e) {
      if (!(e instanceof InvalidStateError)) throw e;
      log(what, 'on pending raised', ename(e));
    }
  }
  fut.setException(new Boom('bad'));
  log('exception()', fmt(fut.exception()));
  try {
    fut.result();
  } catch (e) {
    if (!(e instanceof Boom)) throw e;
    log('result() raised', fmt(e));
  }
  try {
    fut.setException(new Boom('twice'));
  } catch (e) {
    if (!(e instanceof InvalidStateError)) throw e;
    log('set_exception twice raised', ename(e));
  }
  const ok = loop.createFuture<null>();
  ok.setResult(null);
  log('exception() of result', fmt(ok.exception()));
  return yield* fut;
}
