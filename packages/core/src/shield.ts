/**
 * shield: protect an awaitable from the cancellation of its awaiter.
 *
 * @module
 */

import { ensureFutureOn } from './ensureFuture';
import { CANCELLED, FAILED, type Future } from './future';
import type { Awaitable, Coro } from './types';

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
export function shield<T>(aw: Future<T>): Future<T>;
export function shield<T>(aw: Coro<T>): Future<T>;
export function shield<T>(aw: PromiseLike<T>): Future<T>;
export function shield<T>(aw: Awaitable<T> | PromiseLike<T>): Future<T> {
  const inner = ensureFutureOn(aw, null);
  if (inner.done()) return inner;
  const outer = inner._loop.createFuture<T>();
  const onInnerDone = (f: Future<T>): void => {
    if (outer._state === CANCELLED) {
      if (f._state !== CANCELLED) f.exception(); // mark it retrieved
      return;
    }
    if (f._state === CANCELLED) outer.cancel();
    else if (f._state === FAILED) outer._fail(f.exception());
    else outer.setResult(f._value as T);
  };
  const onOuterDone = (): void => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
