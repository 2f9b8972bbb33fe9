// Debugging a hang: a task forgets to release a lock when its upstream call fails;
// the watchdog names who is stuck, on what, and why.
import { type Coro, createTask, currentTask, gather, Lock, run, sleep } from '@aio/core';
import { watchTasks } from '@aio/trace';
import { VirtualClock } from '@aio/timers';

const session = new Lock();

function* renew(): Coro<void> {
  yield* session.acquire();
  yield* sleep(100);
  // BUG: an error path that returns without session.release()
  if (Math.min(1, 2) === 1) return;
  session.release();
}

function* request(n: number): Coro<void> {
  yield* sleep(200);
  yield* session.acquire(); // waits forever
  session.release();
  console.log(`request ${n} done`);
}

function* main(): Coro<void> {
  currentTask()?.setName('main');
  const dog = watchTasks({ blockedMs: 5000, onReport: (r) => console.log(r.message) });
  const requests = [1, 2].map((n) => createTask(request(n), { name: `request-${n}` }));
  createTask(renew(), { name: 'renew' });
  yield* sleep(6000);
  for (const r of requests) r.cancel();
  yield* gather(...requests, { returnExceptions: true });
  dog.stop();
}

await run(main(), { clock: new VirtualClock() });
