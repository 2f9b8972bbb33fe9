// currentTask() is the running task; allTasks() holds the pending tasks.
import { allTasks, createTask, currentTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log, name: string): Coro<void> {
  log(name, 'is current', currentTask()!.getName() === name);
  yield* sleep(10);
}

export default function* main(log: Log): Coro<unknown> {
  const me = currentTask()!;
  log('main is current', me === currentTask());
  log('all tasks', String(allTasks().size), 'main in it', allTasks().has(me));
  const t1 = createTask(child(log, 'one'), { name: 'one' });
  const t2 = createTask(child(log, 'two'), { name: 'two' });
  log('all tasks', String(allTasks().size));
  yield* t1;
  log('after one', String(allTasks().size), 'two pending', allTasks().has(t2));
  yield* t2;
  log('after two', String(allTasks().size));
  t2.setName('renamed');
  return t2.getName();
}
