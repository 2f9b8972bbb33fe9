// Ctrl-C while run() runs: the main task is cancelled, finally blocks run, then
// run() rejects with KeyboardInterrupt. `--swallow`: the main task ignores the first
// cancellation (a second Ctrl-C must exit at once). `--swallow-return`: the main task
// catches the cancellation and returns normally. `--own-handler`: the program installs
// its own SIGINT listener before run(), so run() leaves SIGINT alone. `--off`:
// handleSigint: false.
import { type Coro, isCancelledError, KeyboardInterrupt, run, sleep } from '../../../src/index';

const swallow = process.argv.includes('--swallow');
const swallowReturn = process.argv.includes('--swallow-return');
const ownHandler = process.argv.includes('--own-handler');
const off = process.argv.includes('--off');

let signalled = false;
if (ownHandler) {
  process.on('SIGINT', () => {
    console.log('own handler');
    signalled = true;
  });
}

function* main(): Coro<string> {
  try {
    console.log('ready');
    if (ownHandler) {
      // Polls for the program's own handler; a cancellation would end this loop early.
      while (!signalled) yield* sleep(5);
      return 'not cancelled';
    }
    yield* sleep(60_000);
    return 'slept';
  } catch (e) {
    if (swallowReturn && isCancelledError(e)) {
      console.log('swallowed');
      return 'recovered';
    }
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
