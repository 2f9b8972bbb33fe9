// The same future can be awaited by several tasks and several times in a row;
// waiters wake in the order they started waiting.
import { createTask, getRunningLoop } from '../../../../src/index';
import type { Coro, Future } from '../../../../src/index';
import type { Log } from '../../harness';

function* waiter(log: Log, fut: Future<number>, name: string): Coro<number> {
  log(name, 'waits');
  const v = yield* fut;
  log(name, 'got', String(v));
  const v2 = yield* fut;
  log(name, 'again', String(v2));
  return v + v2;
}

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  const t1 = createTask(waiter(log, fut, 'w1'));
  const t2 = createTask(waiter(log, fut, 'w2'));
  loop.callLater(10, (v: number) => fut.setResult(v), 5);
  const v = yield* fut;
  log('main got', String(v));
  const r = [yield* t1, yield* t2, yield* fut];
  log('main results', r);
  return r;
}
