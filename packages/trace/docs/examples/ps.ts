// A snapshot of every task: formatTasks() (`python -m asyncio ps`) and
// formatTaskTree() (`python -m asyncio pstree`).
import { type Coro, createTask, currentTask, gather, Lock, Queue, run, sleep } from '@aio/core';
import { formatTasks, formatTaskTree, trackTasks } from '@aio/trace';
import { VirtualClock } from '@aio/timers';

const cache = new Lock();
const jobs = new Queue<string>(10);

function* refresh(): Coro<void> {
  yield* cache.acquire();
  try {
    yield* sleep(1500); // a slow upstream, while holding the lock
  } finally {
    cache.release();
  }
}

function* read(): Coro<void> {
  yield* sleep(10);
  yield* cache.acquire();
  cache.release();
}

function* worker(): Coro<void> {
  for (;;) yield* sleep((yield* jobs.get()).length);
}

function* monitor(): Coro<void> {
  yield* sleep(500);
  console.log(formatTasks());
  console.log();
  console.log(formatTaskTree());
}

function* main(): Coro<void> {
  currentTask()?.setName('main');
  const workers = [1, 2].map((i) => createTask(worker(), { name: `worker-${i}` }));
  createTask(monitor(), { name: 'monitor' });
  yield* gather(
    createTask(refresh(), { name: 'refresh' }),
    ...[1, 2].map((i) => createTask(read(), { name: `read-${i}` })),
  );
  for (const w of workers) w.cancel();
}

await run(main(), { clock: new VirtualClock(), instruments: [trackTasks()] });
