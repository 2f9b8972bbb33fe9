// A cancelled Handle or TimerHandle never runs; cancelled() reports it.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const h1 = loop.callSoon(log, 'soon 1');
  const h2 = loop.callSoon(log, 'soon 2');
  const t1 = loop.callLater(10, log, 'timer 10');
  const t2 = loop.callLater(20, log, 'timer 20');
  h1.cancel();
  log('h1', h1.cancelled(), 'h2', h2.cancelled());
  yield* sleep(5);
  t1.cancel();
  t1.cancel();
  log('t1', t1.cancelled(), 't2', t2.cancelled());
  yield* sleep(30);
  return null;
}
