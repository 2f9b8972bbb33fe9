// Releasing a lock that is not held raises (RuntimeError in asyncio, Error in aio).
import { Lock } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const lock = new Lock();
  try {
    lock.release();
  } catch (e) {
    log('release of a free lock:', ename(e));
  }
  yield* lock.hold(function* () {
    log('inside, locked', lock.locked());
  });
  try {
    lock.release();
  } catch (e) {
    log('second release:', ename(e));
  }
  return lock.locked();
}
