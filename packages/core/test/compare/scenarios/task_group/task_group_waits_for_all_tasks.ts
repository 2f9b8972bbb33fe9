// The group's block ends only when every task it created is done, including
// tasks created by other tasks of the group after the body finished.
import { sleep, taskGroup } from '../../../../src/index';
import type { Coro, Task, TaskGroup } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(
  log: Log,
  tg: TaskGroup,
  name: string,
  delay: number,
  spawn?: string,
): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  if (spawn) tg.createTask(child(log, tg, spawn, 10));
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  let t1: Task<string> | undefined;
  let t2: Task<string> | undefined;
  yield* taskGroup(function* (tg) {
    t1 = tg.createTask(child(log, tg, 'a', 20));
    t2 = tg.createTask(child(log, tg, 'b', 10, 'b-child'));
    log('body ends');
  });
  log('group done', t1!.result(), t2!.result());
  return 'ok';
}
