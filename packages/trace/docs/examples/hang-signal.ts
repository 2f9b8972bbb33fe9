// The same hang in production: no watchdog was running, but the process dumps its
// tasks on `kill -USR2 <pid>`.
import { type Coro, createTask, currentTask, gather, Lock, run, sleep } from '@aio/core';
import { dumpOnSignal } from '@aio/trace/node';

dumpOnSignal('SIGUSR2');
setInterval(() => {}, 60_000); // what keeps a real service alive: its server socket

const session = new Lock();

function* renew(): Coro<void> {
  yield* session.acquire();
  // BUG: returns without session.release()
}

function* request(): Coro<void> {
  yield* session.acquire(); // waits forever
  session.release();
}

function* main(): Coro<void> {
  currentTask()?.setName('main');
  yield* createTask(renew(), { name: 'renew' });
  const requests = [1, 2].map((n) => createTask(request(), { name: `request-${n}` }));
  yield* sleep(50);
  console.log('ready'); // the test sends SIGUSR2 now
  yield* gather(...requests);
}

await run(main());
