// A group task cancelled on its own is not a failure: the others go on and the
// block ends normally.
import { sleep, taskGroup } from '../../../../src/index';
import type { Coro, Task } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  let a: Task<string> | undefined;
  let b: Task<string> | undefined;
  yield* taskGroup(function* (tg) {
    a = tg.createTask(child(log, 'a', 30));
    b = tg.createTask(child(log, 'b', 20));
    yield* sleep(10);
    a.cancel();
  });
  log('a cancelled', a!.cancelled(), 'b', b!.result());
  return null;
}
