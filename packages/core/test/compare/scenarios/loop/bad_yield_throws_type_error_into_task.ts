// Yielding something that is not a future from a task throws a TypeError into
// the coroutine at that point (asyncio: RuntimeError 'Task got bad yield'). In
// asyncio it is thrown in with call_soon, so it arrives in the next iteration.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename, ticker } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  ticker(log, 4);
  try {
    yield 42 as unknown as undefined;
  } catch (e) {
    log('caught', ename(e));
  }
  const fut = loop.createFuture<number>();
  try {
    // `yield fut` written by mistake for `yield* fut` (a type error: the cast makes the
    // run-time check reachable, as it is from JavaScript)
    yield fut as never;
  } catch (e) {
    log('caught yield-instead-of-yield*', ename(e));
  }
  log('future still pending', !fut.done());
  yield* sleep(0);
  return 'recovered';
}
