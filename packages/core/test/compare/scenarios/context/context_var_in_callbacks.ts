// A callback runs in the context current when it was scheduled (or the one
// passed); done callbacks likewise. (aio's callSoon has no context option: it
// is scheduled from inside ctx.run() instead, which makes ctx current.)
import { ContextVar, copyContext, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

const v = new ContextVar<string>('var', { default: 'default' });

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  v.set('first');
  loop.callSoon(() => log('soon sees', v.get()));
  v.set('second');
  loop.callLater(10, () => log('later sees', v.get()));
  const ctx = copyContext();
  ctx.run(() => v.set('in ctx'));
  ctx.run(() => loop.callSoon(() => log('soon with context sees', v.get())));
  const fut = loop.createFuture<null>();
  fut.addDoneCallback(() => log('done callback sees', v.get()));
  fut.addDoneCallback(() => log('done callback with context sees', v.get()), { context: ctx });
  v.set('third');
  fut.setResult(null);
  const setter = (): void => {
    v.set('set by callback');
    log('callback set', v.get());
  };
  loop.callSoon(setter);
  yield* sleep(20);
  log('main sees', v.get());
  return null;
}
