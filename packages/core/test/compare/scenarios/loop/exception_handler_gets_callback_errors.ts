// An exception thrown by a callback goes to the loop's exception handler and
// the loop carries on with the next callback.
import { getRunningLoop, sleep } from '../../../../src/index';
import type { Coro, EventLoop, ExceptionContext } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

export default function* main(log: Log): Coro<unknown> {
  const loop = getRunningLoop();
  const handler = (lp: EventLoop, ctx: ExceptionContext): void => {
    // Only the start of the message: the rest names the callback, which
    // differs between the languages.
    const words = ctx.message.split(' ').slice(0, 3).join(' ');
    log('handler', lp === loop, words, fmt(ctx.exception));
  };
  const bad = (what: string): void => {
    log('bad runs', what);
    throw new Boom(what);
  };
  loop.setExceptionHandler(handler);
  log('handler set', loop.getExceptionHandler() === handler);
  loop.callSoon(bad, 'first');
  loop.callSoon(log, 'next callback');
  loop.callLater(10, bad, 'timer');
  yield* sleep(20);
  loop.callExceptionHandler({ message: 'custom report' });
  loop.setExceptionHandler(null);
  log('handler reset', loop.getExceptionHandler() === null);
  return null;
}
