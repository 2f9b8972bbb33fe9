// BoundedSemaphore refuses a release() that would raise its value above the
// initial one (ValueError in asyncio, RangeError in aio); Semaphore does not.
import { BoundedSemaphore, Semaphore } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const bsem = new BoundedSemaphore(2);
  try {
    bsem.release();
  } catch (e) {
    if (e instanceof RangeError) log('bounded: over-release refused');
  }
  yield* bsem.hold(function* () {
    yield* bsem.hold(function* () {
      log('bounded: both permits taken; locked', bsem.locked());
    });
  });
  try {
    bsem.release();
  } catch (e) {
    if (e instanceof RangeError) log('bounded: over-release refused again');
  }
  const sem = new Semaphore(2);
  sem.release();
  log('plain semaphore: released beyond its initial value; locked', sem.locked());
  for (let i = 0; i < 3; i++) yield* sem.acquire();
  log('plain semaphore took 3 permits; locked', sem.locked());
  return undefined;
}
