// Consumers use waitFor(predicate) around shared state; a producer appends
// items and notifies one consumer per item.
import { Condition, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* consumer(log: Log, cond: Condition, items: number[], name: string): Coro<number> {
  return yield* cond.hold(function* () {
    const item = yield* cond.waitFor(() => (items.length > 0 ? items.shift() : undefined));
    log(name, 'took', item);
    return item as number;
  });
}

function* producer(log: Log, cond: Condition, items: number[]): Coro<void> {
  for (let i = 1; i < 4; i++) {
    yield* sleep(10);
    yield* cond.hold(function* () {
      items.push(i * 10);
      log('produced', i * 10);
      cond.notify();
    });
  }
}

export default function* main(log: Log): Coro<unknown> {
  const cond = new Condition();
  const items: number[] = [];
  const consumers = ['x', 'y', 'z'].map((n) => createTask(consumer(log, cond, items, n)));
  yield* producer(log, cond, items);
  return yield* gather(consumers);
}
