// Two tasks wait on each other (a lock cycle) under the real clock.
import { type Coro, createTask, DeadlockError, Lock, run, sleep } from '../../../src/index';

function* worker(first: Lock, second: Lock): Coro<void> {
  yield* first.acquire();
  yield* sleep(5);
  yield* second.acquire();
}

function* main(): Coro<void> {
  const a = new Lock();
  const b = new Lock();
  const t1 = createTask(worker(a, b), { name: 'left' });
  const t2 = createTask(worker(b, a), { name: 'right' });
  yield* t1;
  yield* t2;
}

const started = performance.now();
try {
  await run(main());
} catch (e) {
  if (!(e instanceof DeadlockError)) throw e;
  console.log(e.message);
  console.log(
    `tasks: ${e.tasks.length}, after ${Math.round(performance.now() - started) < 1000 ? 'under' : 'over'} a second`,
  );
  process.exitCode = 3;
}
