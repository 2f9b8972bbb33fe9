// A callback added to a future that is already done is still scheduled with
// callSoon (never run synchronously), after the ones already queued.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<string>();
  fut.setResult('x');
  loop.callSoon(log, 'queued before add');
  fut.addDoneCallback((f) => log('cb1', f.result()));
  log('added cb1');
  fut.addDoneCallback((f) => log('cb2', f.result()));
  loop.callSoon(log, 'queued after add');
  log('added cb2');
  yield* sleep(0);
  log('main resumed');
  return 'ok';
}
