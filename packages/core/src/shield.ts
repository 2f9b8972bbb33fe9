/**
 * shield: protect an awaitable from the cancellation of its awaiter.
 *
 * @module
 */

import { ensureFutureOn } from './ensureFuture';
import { CANCELLED, CoreFuture, FAILED, type Future, type WaitParts } from './future';
import type * as api from './types';
import type { Awaitable, Coro } from './types';

/** The outer future of `shield`: a task awaiting it waits on the inner one. */
class ShieldFuture<T> extends CoreFuture<T> {
  constructor(
    opts: { loop: api.EventLoop },
    /** @internal */ readonly _inner: Future<T>,
  ) {
    super(opts);
  }

  /** @internal */
  override _describeWait(): WaitParts {
    const inner = this._inner._describeWait();
    return { ...inner, kind: 'shield', text: `shield of ${inner.text}` };
  }
}

/**
 * Awaits `aw` without passing cancellation on to it: if the task awaiting the
 * shield is cancelled, it gets `CancelledError` while `aw` runs on. If `aw`
 * itself is cancelled, the shield is cancelled too.
 *
 * @example
 * ```ts
 * const save = createTask(saveToDisk(data));
 * try {
 *   yield* shield(save);
 * } catch (e) {
 *   if (isCancelledError(e)) console.log('cancelled, but the save goes on');
 *   throw e;
 * }
 * ```
 */
export function shield<T>(aw: api.Future<T>): api.Future<T>;
export function shield<T>(aw: Coro<T>): api.Future<T>;
export function shield<T>(aw: PromiseLike<T>): api.Future<T>;
export function shield<T>(aw: Awaitable<T> | PromiseLike<T>): api.Future<T> {
  const inner = ensureFutureOn(aw, null);
  if (inner.done()) return inner;
  const outer = new ShieldFuture<T>(inner._loop._opts, inner);
  const onInnerDone = (): void => {
    const s = inner._state;
    if (outer._state === CANCELLED) {
      if (s !== CANCELLED) inner.exception(); // mark it retrieved
      return;
    }
    if (s === CANCELLED) outer.cancel();
    else if (s === FAILED) outer._fail(inner.exception());
    else outer.setResult(inner._value as T);
  };
  const onOuterDone = (): void => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
  // The outer future awaits the inner one (getAwaitedBy reads it).
  (onInnerDone as { _awaiter?: api.Future<unknown> })._awaiter = outer;
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
