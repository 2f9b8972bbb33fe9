// A leftover task that fails while run() cancels it is reported to the loop's
// exception handler ('unhandled exception during asyncio.run() shutdown').
import { createTask, getRunningLoop, sleep } from '../../../../src/index';
import type { Coro, EventLoop, ExceptionContext } from '../../../../src/index';
import { Bang, fmt } from '../../harness';
import type { Log } from '../../harness';

function* background(log: Log): Coro<void> {
  try {
    yield* sleep(10_000);
  } finally {
    log('background fails in finally');
    // biome-ignore lint/correctness/noUnsafeFinally: the failure in cleanup is the point
    throw new Bang('cleanup failed');
  }
}

export default function* main(log: Log): Coro<unknown> {
  const handler = (_lp: EventLoop, ctx: ExceptionContext): void => {
    const words = ctx.message.split(' ').slice(0, 3).join(' ');
    log('handler', words, fmt(ctx.exception));
  };
  getRunningLoop().setExceptionHandler(handler);
  createTask(background(log));
  yield* sleep(10);
  return 'main result';
}
