// `return yield* new Future()` with nothing to set it: the host runs out of work.
import { type Coro, Future, run } from '../../../src/index';

function* main(): Coro<number> {
  return yield* new Future<number>();
}

if (process.argv.includes('--then')) {
  // Not awaited: the rejection is unhandled, and Node reports it.
  run(main()).then((v) => console.log('result', v));
} else {
  console.log('result', await run(main()));
}
