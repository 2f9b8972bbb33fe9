/**
 * The aio demo: what `pnpm demo` runs.
 *
 * Until the tour of the seed's examples lands, it introduces the packages and runs the
 * README's example on the real clock.
 */
import { createTask, gather, run, sleep } from '@aio/core';
import type { Coro } from '@aio/core';

const packages: ReadonlyArray<readonly [name: string, what: string]> = [
  ['@aio/core', 'the event loop, Futures, Tasks, generator coroutines, sync primitives, queues'],
  ['@aio/timers', 'clocks: a virtual clock for deterministic tests, a scaled clock'],
  ['@aio/trace', 'instrumentation: loop and task hooks, call graphs, recorders'],
  ['@aio/interop', 'bridges to Promises, AbortSignal, events, async iterables and RxJS'],
];

console.log("aio: Python asyncio's model for TypeScript\n");
const width = Math.max(...packages.map(([name]) => name.length));
for (const [name, what] of packages) {
  console.log(`  ${name.padEnd(width)}  ${what}`);
}

function* sayAfter(delay: number, what: string): Coro<string> {
  yield* sleep(delay);
  console.log(`  ${what} (after ${delay} ms)`);
  return what;
}

function* main(): Coro<string[]> {
  const hello = createTask(sayAfter(100, 'hello'));
  return yield* gather(hello, sayAfter(200, 'world'));
}

console.log('\nThe README example:');
const results = await run(main());
console.log(`  gather -> ${JSON.stringify(results)}`);
