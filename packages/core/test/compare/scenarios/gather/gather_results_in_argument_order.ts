// gather returns results in argument order, whatever order the children finish
// in; coroutines are wrapped in tasks that start in argument order.
import { gather, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  log(name, 'starts');
  yield* sleep(delay);
  log(name, 'ends');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const done = loop.createFuture<string>();
  done.setResult('already');
  const r = yield* gather(
    child(log, 'slow', 30),
    child(log, 'fast', 10),
    done,
    child(log, 'mid', 20),
  );
  log('gather ->', r);
  const empty = yield* gather();
  log('empty gather ->', empty);
  return r;
}
