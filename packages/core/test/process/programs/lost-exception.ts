// A background task fails and nobody awaits it; main returns 'ok'.
import { type Coro, createTask, run, sleep } from '../../../src/index';

function* failing(): Coro<void> {
  yield* sleep(10);
  throw new Error('background failure');
}

function* main(): Coro<string> {
  createTask(failing(), { name: 'bg' });
  yield* sleep(100);
  return 'ok';
}

console.log(await run(main(), { debug: process.argv.includes('--debug') }));
