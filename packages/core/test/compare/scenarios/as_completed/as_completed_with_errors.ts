// An input's error is thrown by the yield* of the item that delivers it; the
// iteration can go on afterwards.
import { asCompleted, sleep } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import { Boom, fmt } from '../../harness';
import type { Log } from '../../harness';

function* child(log: Log, name: string, delay: number, fail = false): Coro<string> {
  yield* sleep(delay);
  log(name, 'ends');
  if (fail) throw new Boom(name);
  return name;
}

export default function* main(log: Log): Coro<unknown> {
  const aws = [child(log, 'ok', 20), child(log, 'bad', 10, true)];
  const out: string[] = [];
  for (const next of asCompleted(aws)) {
    try {
      out.push(yield* next);
    } catch (e) {
      if (!(e instanceof Boom)) throw e;
      log('caught', fmt(e));
      out.push('error');
    }
  }
  return out;
}
