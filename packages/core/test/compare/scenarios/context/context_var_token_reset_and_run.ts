// set() returns a token; reset(token) restores the previous value; Context.run
// runs a function inside a context without touching the caller's.
import { ContextVar, copyContext } from '../../../../src/index';
import type { Coro } from '../../../../src/index';
import type { Log } from '../../harness';

const v = new ContextVar<string>('var');

export default function* main(log: Log): Coro<unknown> {
  log('get with default', v.get('fallback'));
  try {
    v.get();
  } catch {
    log('get without value raises LookupError');
  }
  const tok = v.set('a');
  const tok2 = v.set('b');
  log('now', v.get());
  v.reset(tok2);
  log('after reset', v.get());
  v.reset(tok);
  log('after second reset', v.get('unset'));
  const ctx = copyContext();
  const inside = (x: string): string => {
    v.set(x);
    return `${v.get()}!`;
  };
  log('run returned', ctx.run(inside, 'inner'), 'outer sees', v.get('unset'));
  log(
    'context keeps',
    ctx.run(() => v.get()),
  );
  return null;
}
