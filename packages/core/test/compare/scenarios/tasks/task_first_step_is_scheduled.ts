// createTask schedules the first step with callSoon: the body starts in the
// next iteration, after callbacks queued before it.
import { createTask, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log, name: string): Coro<string> {
  log(name, 'starts');
  yield* sleep(0);
  log(name, 'continues');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  loop.callSoon(log, 'callback queued first');
  const t1 = createTask(child(log, 'c1'));
  loop.callSoon(log, 'callback queued between');
  const t2 = createTask(child(log, 'c2'));
  log('created, done =', t1.done(), t2.done());
  const r = [yield* t1, yield* t2];
  return r;
}
