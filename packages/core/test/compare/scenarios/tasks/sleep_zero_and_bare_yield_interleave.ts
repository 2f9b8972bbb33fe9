// sleep(0) gives up control for exactly one iteration; a bare `yield` does the
// same. Worker 'a' uses `yield* sleep(0)`, worker 'b' and main a bare `yield`:
// both match asyncio's `await asyncio.sleep(0)`. sleep(d, result) returns result.
import { createTask, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

function* worker(log: Log, name: string, n: number, bare: boolean): Coro<string> {
  for (let i = 0; i < n; i++) {
    log(name, String(i));
    if (bare) yield;
    else yield* sleep(0);
  }
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const t1 = createTask(worker(log, 'a', 3, false));
  const t2 = createTask(worker(log, 'b', 3, true));
  for (let i = 0; i < 3; i++) {
    log('main', String(i));
    yield;
  }
  const r = yield* sleep(10, 'slept');
  log('sleep result', r);
  return [yield* t1, yield* t2];
}
