// Event.set() wakes every waiter, in the order they started waiting; clear()
// right after does not take the wake-up back; a later wait blocks again.
import { Event, createTask, gather, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* waiter(log: Log, ev: Event, name: string): Coro<void> {
  log(name, 'waits');
  const r = yield* ev.wait();
  log(name, 'woke with', r);
}

export default function* main(log: Log): Coro<unknown> {
  const ev = new Event();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(log, ev, n)));
  yield* sleep(10);
  log('setting; is_set', ev.isSet());
  ev.set();
  ev.clear();
  log('cleared; is_set', ev.isSet());
  yield* gather(tasks);
  const late = createTask(waiter(log, ev, 'late'));
  yield* sleep(20);
  log('late done', late.done());
  ev.set();
  yield* late;
  const r = yield* ev.wait();
  log('wait on a set event returns', r);
  return undefined;
}
