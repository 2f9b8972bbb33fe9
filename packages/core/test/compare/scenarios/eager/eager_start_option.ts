// A task created with eagerStart starts synchronously; currentTask() inside
// is that task; the caller continues once it suspends.
import { createTask, currentTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* child(log: Log, name: string): Coro<string> {
  log(name, 'starts, current is me', currentTask()!.getName() === name);
  yield* sleep(0);
  log(name, 'resumes');
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const lazy = createTask(child(log, 'lazy'), { name: 'lazy' });
  const eager = createTask(child(log, 'eager'), { name: 'eager', eagerStart: true });
  log('main continues, current is main', currentTask()!.getName() !== 'eager');
  return [yield* lazy, yield* eager];
}
