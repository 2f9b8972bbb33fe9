/**
 * wrapPromise: a native Promise (or any PromiseLike) as an aio Future.
 *
 * @module
 */

import type { DoneWaker, LoopInternals } from './events';
import { callerSite, repr } from './format';
import { CoreFuture, type Future, NO_TASKS, PENDING, type WaitParts } from './future';
import { runningLoop } from './runningLoop';
import type * as api from './types';

/** @internal Whether `x` has a callable `then`. */
export function isPromiseLike(x: unknown): x is PromiseLike<unknown> {
  return (
    x !== null &&
    (typeof x === 'object' || typeof x === 'function') &&
    typeof (x as { then?: unknown }).then === 'function'
  );
}

/** Keeps the loop's count of pending host operations while a promise is out. */
class HostHold<T> implements DoneWaker {
  #released = false;
  constructor(
    readonly loop: LoopInternals,
    readonly fut: Future<T>,
  ) {
    loop._hostPending++;
  }
  release(): void {
    if (!this.#released) {
      this.#released = true;
      this.loop._hostPending--;
    }
  }
  _onDone(): void {
    this.release();
  }
  fulfilled = (value: T): void => {
    this.release();
    const loop = this.loop;
    if (!loop._closed) loop.callSoon(copyResult, this.fut, value);
  };
  rejected = (error: unknown): void => {
    this.release();
    const loop = this.loop;
    if (!loop._closed) loop.callSoon(copyException, this.fut, error);
  };
}

/** The future of a wrapped native promise. */
class PromiseFuture<T> extends CoreFuture<T> {
  /** @internal where `wrapPromise` was called (debug mode only) */ _createdAt = '';

  /** @internal */
  override _describeWait(): WaitParts {
    const at = this._createdAt === '' ? '' : ` created at ${this._createdAt}`;
    return { kind: 'promise', text: `a wrapped native promise${at}`, blockers: NO_TASKS };
  }
}

function copyResult<T>(fut: Future<T>, value: T): void {
  if (fut._state === PENDING) fut.setResult(value);
}

function copyException(fut: Future<unknown>, error: unknown): void {
  if (fut._state === PENDING) fut._fail(error);
}

/** @internal wrapPromise on an explicit loop. */
export function wrapPromiseOn<T>(
  loop: LoopInternals,
  source: PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>),
): Future<T> {
  loop._checkClosed();
  const fut = new PromiseFuture<T>(loop._opts);
  if (loop._debug) fut._createdAt = callerSite();
  let p: unknown = source;
  if (typeof source === 'function') {
    const controller = new AbortController();
    fut.addDoneCallback(() => {
      if (fut.cancelled()) controller.abort(fut._makeCancelledError());
    });
    try {
      p = source(controller.signal);
    } catch (e) {
      fut._fail(e);
      return fut;
    }
    if (!isPromiseLike(p)) {
      fut.cancel();
      throw new TypeError(`wrapPromise(): the factory must return a PromiseLike, got ${repr(p)}`);
    }
  } else if (!isPromiseLike(p)) {
    throw new TypeError(
      `wrapPromise(): expected a PromiseLike or a function (signal) => PromiseLike, got ${repr(p)}`,
    );
  }
  const hold = new HostHold(loop, fut);
  fut._addWaker(hold);
  (p as PromiseLike<T>).then(hold.fulfilled, hold.rejected);
  return fut;
}

/**
 * A Future that settles like the native promise `p` (through the loop's
 * `callSoon`, so the waiting task resumes in loop order). With the factory form,
 * cancelling the Future aborts the `AbortSignal` the factory received — so a
 * `fetch(url, { signal })` is really aborted. While the promise is pending it
 * holds a virtual clock's time still.
 *
 * @throws TypeError if `p` is neither a PromiseLike nor a function returning one.
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const res = yield* wrapPromise((signal) => fetch(url, { signal }));
 *   console.log(res.status);
 * }
 * ```
 */
export function wrapPromise<T>(
  p: PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>),
): api.Future<T> {
  return wrapPromiseOn(runningLoop(), p);
}
