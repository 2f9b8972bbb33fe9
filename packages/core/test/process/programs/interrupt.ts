// Ctrl-C while run() runs: the main task is cancelled, finally blocks run, then
// run() rejects with KeyboardInterrupt. `--swallow`: the main task ignores the first
// cancellation (a second Ctrl-C must exit at once). `--off`: handleSigint: false.
import { type Coro, isCancelledError, KeyboardInterrupt, run, sleep } from '../../../src/index';

const swallow = process.argv.includes('--swallow');
const off = process.argv.includes('--off');

function* main(): Coro<string> {
  try {
    console.log('ready');
    yield* sleep(60_000);
    return 'slept';
  } catch (e) {
    if (swallow && isCancelledError(e)) {
      console.log('swallowed');
      yield* sleep(60_000);
      return 'never';
    }
    throw e;
  } finally {
    console.log('main finally');
  }
}

try {
  console.log('result', await run(main(), { handleSigint: !off }));
} catch (e) {
  if (e instanceof KeyboardInterrupt) {
    console.log(`${e.name}: ${e.message}`);
    process.exitCode = 130;
  } else {
    throw e;
  }
}
