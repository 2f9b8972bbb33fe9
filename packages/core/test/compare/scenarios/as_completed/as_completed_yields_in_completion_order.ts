// asCompleted yields awaitables in the order the inputs complete.
import { asCompleted, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const aws = [child(log, 'slow', 30), child(log, 'fast', 10), child(log, 'mid', 20)];
  const order: string[] = [];
  for (const next of asCompleted(aws)) {
    const r = yield* next;
    log('next ->', r);
    order.push(r);
  }
  return order;
}
