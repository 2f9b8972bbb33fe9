// Cancelling the task that awaits a gather cancels the gather and through it
// every child; nested gathers pass it on. The outer gather throws as soon as
// its first child ends cancelled; the others finish their cleanup later.
import { createTask, gather, isCancelledError, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, cleanup: number): Coro<void> {
  try {
    yield* sleep(1000);
  } catch (e) {
    if (isCancelledError(e)) {
      yield* sleep(cleanup);
      log(name, 'cancelled', fmt(e));
    }
    throw e;
  }
}

function* waiter(log: Log): Coro<void> {
  try {
    yield* gather(child(log, 'a', 1), gather(child(log, 'b', 2), child(log, 'c', 3)));
  } catch (e) {
    if (isCancelledError(e)) log('waiter sees', fmt(e));
    throw e;
  }
}

export default function* main(log: Log): Coro<unknown> {
  const w = createTask(waiter(log));
  yield* sleep(10);
  w.cancel('bye');
  try {
    yield* w;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('main caught', fmt(e));
  }
  yield* sleep(10);
  return w.cancelled();
}
