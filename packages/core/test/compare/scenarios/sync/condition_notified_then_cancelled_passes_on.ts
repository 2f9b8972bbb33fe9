// cpython#112202: a waiter that was notified and then cancelled before it ran
// must pass the notification on, or the next waiter would sleep forever.
import { Condition, createTask, gatherWith, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

function* waiter(log: Log, cond: Condition, name: string): Coro<void> {
  yield* cond.hold(function* () {
    try {
      yield* cond.wait();
      log(name, 'woke');
    } catch (e) {
      log(name, ename(e));
      throw e;
    }
  });
}

export default function* main(log: Log): Coro<unknown> {
  const cond = new Condition();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(log, cond, n)));
  yield* sleep(0);
  yield* cond.hold(function* () {
    cond.notify(1);
    tasks[0]!.cancel();
    yield* sleep(0);
  });
  yield* sleep(10);
  log(
    'done',
    tasks.map((t) => t.done()),
  );
  tasks[2]!.cancel();
  const res = yield* gatherWith({ returnExceptions: true }, ...tasks);
  log(
    'results',
    res.map((r) => (r === undefined ? 'ok' : ename(r))),
  );
  return undefined;
}
