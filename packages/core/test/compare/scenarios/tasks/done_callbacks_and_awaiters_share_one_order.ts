// A task's done callbacks and the wake-ups of tasks awaiting it are one list,
// run in the order they were added.
import { createTask, sleep } from '../../../../src/index';
import type { Coro, Task } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(): Coro<string> {
  yield* sleep(10);
  return 'r';
}

function* awaiter(log: Log, task: Task<string>, name: string): Coro<void> {
  const r = yield* task;
  log(name, 'woke with', r);
}

export default function* main(log: Log): Coro<unknown> {
  const task = createTask(child());
  task.addDoneCallback(() => log('callback 1'));
  const a1 = createTask(awaiter(log, task, 'awaiter 1'));
  yield* sleep(0);
  task.addDoneCallback(() => log('callback 2'));
  const a2 = createTask(awaiter(log, task, 'awaiter 2'));
  yield* sleep(0);
  task.addDoneCallback(() => log('callback 3'));
  yield* a1;
  yield* a2;
  log('main done');
  return null;
}
