// Future.cancel(): true the first time, false once done; the message reaches
// result(), exception() and an awaiting task.
import { getRunningLoop, InvalidStateError, isCancelledError } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { ename, fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  fut.addDoneCallback((f) => log('callback cancelled', f.cancelled()));
  log('cancel 1', fut.cancel('why'));
  log('cancel 2', fut.cancel('again'));
  log('done', fut.done(), 'cancelled', fut.cancelled());
  try {
    fut.result();
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('result raised', fmt(e));
  }
  try {
    fut.exception();
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('exception raised', fmt(e));
  }
  try {
    yield* fut;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
    log('await raised', fmt(e));
  }
  const done = loop.createFuture<number>();
  done.setResult(3);
  log('cancel done', done.cancel());
  try {
    done.setResult(4);
  } catch (e) {
    if (!(e instanceof InvalidStateError)) throw e;
    log('set_result on done raised', ename(e));
  }
  return done.result();
}
