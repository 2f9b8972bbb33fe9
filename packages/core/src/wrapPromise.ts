/**
 * wrapPromise: a native Promise (or any PromiseLike) as an aio Future.
 *
 * @module
 */

import type { DoneWaker, LoopInternals } from './events';
import { makeCancelledError } from './exceptions';
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
    readonly fut: PromiseFuture<T>,
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

/** A cancellation asked for while the native work winds down (see {@link PromiseFuture}). */
const NOT_CANCELLING: unique symbol = Symbol('NOT_CANCELLING');

/**
 * The future of a wrapped native promise.
 *
 * With the factory form (and unless `abandonOnCancel`), cancelling it aborts the
 * signal but completes the cancellation only once the native promise has settled — the
 * abort took effect — as Trio's `to_thread.run_sync` waits for its thread. So a task
 * cancelled while a `fetch` is out resumes (and its `finally` releases a semaphore)
 * after the request is really over: structured bounds hold for native work too.
 */
class PromiseFuture<T> extends CoreFuture<T> {
  /** @internal where `wrapPromise` was called (debug mode only) */ _createdAt = '';
  /** @internal the abort of the factory form (null: the promise form, or abandoned) */
  _controller: AbortController | null = null;
  /** @internal the message of a cancellation waiting for the promise to settle */
  _cancelling: string | undefined | typeof NOT_CANCELLING = NOT_CANCELLING;

  override cancel(msg?: string): boolean {
    const controller = this._controller;
    if (controller === null || this._state !== PENDING) return super.cancel(msg);
    if (this._cancelling === NOT_CANCELLING) {
      this._cancelling = msg;
      controller.abort(makeCancelledError(msg, this._loop._debug));
    }
    return true;
  }

  /** @internal The native promise settled: a cancellation asked for meanwhile completes now. */
  _settled(): boolean {
    if (this._cancelling === NOT_CANCELLING) return false;
    this._controller = null;
    super.cancel(this._cancelling);
    return true;
  }

  /** @internal */
  override _describeWait(): WaitParts {
    const at = this._createdAt === '' ? '' : ` created at ${this._createdAt}`;
    return { kind: 'promise', text: `a wrapped native promise${at}`, blockers: NO_TASKS };
  }
}

function copyResult<T>(fut: PromiseFuture<T>, value: T): void {
  if (fut._state === PENDING && !fut._settled()) fut.setResult(value);
}

function copyException(fut: PromiseFuture<unknown>, error: unknown): void {
  if (fut._state === PENDING && !fut._settled()) fut._fail(error);
}

/** @internal wrapPromise on an explicit loop. */
export function wrapPromiseOn<T>(
  loop: LoopInternals,
  source: PromiseLike<T> | ((signal: AbortSignal) => PromiseLike<T>),
  opts?: WrapPromiseOptions,
): Future<T> {
  loop._checkClosed();
  const fut = new PromiseFuture<T>(loop._opts);
  if (loop._debug) fut._createdAt = callerSite();
  let p: unknown = source;
  if (typeof source === 'function') {
    const controller = new AbortController();
    if (opts?.abandonOnCancel === true) {
      // Abandon: the cancellation completes at once; the native work is only told.
      fut.addDoneCallback(() => {
        if (fut.cancelled()) controller.abort(fut._makeCancelledError());
      });
    } else {
      fut._controller = controller;
    }
    try {
      p = source(controller.signal);
    } catch (e) {
      fut._fail(e);
      return fut;
    }
    if (!isPromiseLike(p)) {
      fut._controller = null; // nothing to wait for
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
 * Options of {@link wrapPromise}.
 *
 * @example
 * ```ts
 * const opts: WrapPromiseOptions = { abandonOnCancel: true };
 * ```
 */
export interface WrapPromiseOptions {
  /**
   * Factory form: on cancellation, abort the signal and complete the cancellation at
   * once, without waiting for the native promise to settle (Trio's
   * `abandon_on_cancel`). Default `false`.
   */
  abandonOnCancel?: boolean;
}

/**
 * A Future that settles like the native promise `p` (through the loop's `callSoon`, so
 * the waiting task resumes in loop order). While the promise is pending it holds a
 * virtual clock's time still.
 *
 * With the factory form, cancelling the Future aborts the `AbortSignal` the factory
 * received — so a `fetch(url, { signal })` is really aborted — and the cancellation
 * completes once the promise the factory returned has settled (the abort took effect):
 * a task cancelled there resumes, and runs its `finally`, after the native work is
 * over. Pass `{ abandonOnCancel: true }` to complete the cancellation at once instead.
 * The promise form has nothing to abort: its future is cancelled at once.
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
  opts?: WrapPromiseOptions,
): api.Future<T> {
  return wrapPromiseOn(runningLoop(), p, opts);
}
