// `yield* wrapPromise(new Promise(() => {}))`: a native promise nothing will settle.
// `--virtual`: the same on a virtual clock (the test-utils stand-in for @aio/timers'
// VirtualClock, which core cannot depend on).
import { TestClock } from '@aio/test-utils';
import { type Coro, run, wrapPromise } from '../../../src/index';

function* main(): Coro<number> {
  return yield* wrapPromise(new Promise<number>(() => {}));
}

const clock = process.argv.includes('--virtual') ? new TestClock() : undefined;
console.log('result', await run(main(), clock === undefined ? {} : { clock }));
