// The core README's "graceful shutdown" recipe, as a program: Ctrl-C cancels main, the
// task group cancels its tasks and waits for their `finally` blocks, run() rejects with
// KeyboardInterrupt.
import { type Coro, KeyboardInterrupt, run, sleep, taskGroup } from '../../../src/index';

function* service(name: string, ms: number): Coro<void> {
  try {
    for (;;) yield* sleep(ms);
  } finally {
    yield* sleep(5); // cleanup that itself awaits
    console.log(`${name} stopped`);
  }
}

function* main(): Coro<void> {
  yield* taskGroup(function* (tg) {
    tg.createTask(service('server', 10), { name: 'server' });
    tg.createTask(service('worker', 7), { name: 'worker' });
    console.log('ready');
  });
}

try {
  await run(main());
} catch (e) {
  if (!(e instanceof KeyboardInterrupt)) throw e;
  console.error('stopped');
  process.exitCode = 130;
}
