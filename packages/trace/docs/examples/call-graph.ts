// Where is this task in the program? printCallGraph() from inside a task.
import { type Coro, createTask, currentTask, gather, run, sleep, taskGroup } from '@aio/core';
import { printCallGraph } from '@aio/trace';
import { VirtualClock } from '@aio/timers';

function* fetchUser(id: number): Coro<string> {
  yield* sleep(50 * id);
  if (id === 2) printCallGraph(); // who is waiting for me?
  return `user ${id}`;
}

function* handler(): Coro<void> {
  yield* gather(
    createTask(fetchUser(1), { name: 'fetch-1' }),
    createTask(fetchUser(2), { name: 'fetch-2' }),
  );
}

function* main(): Coro<void> {
  currentTask()?.setName('main');
  yield* taskGroup(function* (tg) {
    tg.createTask(handler(), { name: 'handler' });
  });
}

await run(main(), { clock: new VirtualClock() });
