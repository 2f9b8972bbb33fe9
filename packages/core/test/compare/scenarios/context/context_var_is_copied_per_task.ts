// Each task runs in a copy of the context current when it was created: it sees
// the creator's values, and its own set() is invisible outside.
import { ContextVar, copyContext, createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

const v = new ContextVar<string>('var', { default: 'default' });

function* child(log: Log, name: string): Coro<void> {
  log(name, 'sees', v.get());
  v.set(name);
  yield* sleep(10);
  log(name, 'still sees', v.get());
}

export default function* main(log: Log): Coro<unknown> {
  log('main sees', v.get());
  const t1 = createTask(child(log, 'one'));
  v.set('main value');
  const t2 = createTask(child(log, 'two'));
  yield* t1;
  yield* t2;
  log('main sees', v.get());
  const ctx = copyContext();
  v.set('changed later');
  const t3 = createTask(child(log, 'three'), { context: ctx });
  yield* t3;
  log('after three, context holds', ctx.get(v), 'main sees', v.get());
  return v.get();
}
