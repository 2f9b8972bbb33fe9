/**
 * Future: a result that will be available later, bound to one event loop.
 *
 * State machine: PENDING → FINISHED (result or exception) | CANCELLED, once.
 * Every mutator opens with the same guard. Done-callbacks are never called from
 * here: completing a future queues them on the loop (`callSoon`), in the order
 * they were added — only the loop's run-once step calls user callbacks.
 *
 * This module does not import the loop class (the loop depends on futures, not
 * the other way round); the running-loop slot gives the default loop.
 *
 * @module
 */

import { type Context, captureMap } from './contextvars';
import type { EventLoop } from './eventLoop';
import { type CancelledError, InvalidStateError, makeCancelledError } from './exceptions';
import { repr } from './format';
import { getRunningLoop } from './runningLoop';

/** @internal */ export const PENDING = 0;
/** @internal */ export const FINISHED = 1;
/** @internal */ export const FAILED = 2;
/** @internal */ export const CANCELLED = 3;
/** @internal */ export type FutureState = 0 | 1 | 2 | 3;
/** @internal `_flags`: set by `yield*` (the iterator), checked and cleared by the task */
export const BLOCKING = 1;
/** @internal `_flags`: an exception nobody retrieved yet */
export const LOG_TRACEBACK = 2;
/** @internal `_flags` of a task: a cancellation is due at its next step */
export const MUST_CANCEL = 4;

/**
 * @internal An object told synchronously that a future is done. It must not run
 * user code: a task queues its own step, a Promise bridge settles a native promise.
 */
export interface DoneWaker {
  _onDone(fut: Future<unknown>): void;
}

type DoneCallback<T> = (fut: Future<T>) => unknown;

/** Reports never-retrieved exceptions of futures that are garbage-collected. */
interface LostException {
  loop: EventLoop;
  exception: unknown;
  message: string;
  description: string;
}
const lostExceptions: FinalizationRegistry<LostException> | null =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<LostException>((lost) => {
        lost.loop.callExceptionHandler({
          message: lost.message,
          exception: lost.exception,
          futureDescription: lost.description,
        });
      })
    : null;

/**
 * A result that will be available later. Bound to an event loop; awaited with
 * `yield* fut` in a coroutine (or `await fut` in native async code: it is
 * `PromiseLike`).
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const fut = getRunningLoop().createFuture<string>();
 *   getRunningLoop().callLater(100, () => fut.setResult('hi'));
 *   console.log(yield* fut); // 'hi' after 100 ms
 * }
 * ```
 */
export class Future<T = unknown> implements PromiseLike<T> {
  /** @internal */ _loop: EventLoop;
  /** @internal */ _state: FutureState = PENDING;
  /** @internal result, exception, or cancel message, by state */ _value: unknown = undefined;
  /**
   * @internal The first waker (a task or a promise bridge) when it is the first
   * entry: the common case, one task awaiting the future, needs no array.
   */
  _cb0: DoneWaker | null = null;
  /** @internal the other entries, in order: [cb, ctx, cb, ctx, …] (ctx null for wakers) */
  _callbacks: unknown[] | null = null;
  /** @internal BLOCKING | LOG_TRACEBACK | (tasks) MUST_CANCEL */ _flags = 0;

  /**
   * A pending future bound to `opts.loop`, or to the running loop.
   *
   * @throws Error when there is no `loop` and no running loop.
   * @example
   * ```ts
   * const fut = new Future<number>({ loop });
   * ```
   */
  constructor(opts?: { loop?: EventLoop }) {
    this._loop = opts?.loop ?? getRunningLoop();
  }

  /**
   * Whether the future is cancelled.
   *
   * @example
   * ```ts
   * fut.cancel();
   * fut.cancelled(); // true
   * ```
   */
  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /**
   * Whether the future is done: it has a result, an exception, or was cancelled.
   *
   * @example
   * ```ts
   * fut.setResult(1);
   * fut.done(); // true
   * ```
   */
  done(): boolean {
    return this._state !== PENDING;
  }

  /**
   * The result. Throws the exception if one was set, a `CancelledError` if the
   * future was cancelled.
   *
   * @throws InvalidStateError if the future is pending.
   * @example
   * ```ts
   * fut.setResult(42);
   * fut.result(); // 42
   * ```
   */
  result(): T {
    const s = this._state;
    if (s === FINISHED) return this._value as T;
    if (s === CANCELLED) throw this._makeCancelledError();
    if (s === PENDING) throw new InvalidStateError('Result is not ready.');
    this._retrieved();
    throw this._value;
  }

  /**
   * The exception set on the future, or `undefined` when it has a result.
   *
   * @throws CancelledError if the future was cancelled; InvalidStateError if it is pending.
   * @example
   * ```ts
   * fut.setException(new Error('boom'));
   * fut.exception(); // Error('boom')
   * ```
   */
  exception(): unknown {
    const s = this._state;
    if (s === CANCELLED) throw this._makeCancelledError();
    if (s === PENDING) throw new InvalidStateError('Exception is not set.');
    if (s === FINISHED) return undefined;
    this._retrieved();
    return this._value;
  }

  /**
   * Calls `cb(fut)` when the future is done, through the loop's `callSoon`, in the
   * order callbacks were added; if the future is already done, schedules it now.
   * The callback runs in `opts.context`, or in (a copy of) the current context.
   *
   * @example
   * ```ts
   * fut.addDoneCallback((f) => console.log('done:', f.result()));
   * ```
   */
  addDoneCallback(cb: DoneCallback<T>, opts?: { context?: Context }): void {
    if (typeof cb !== 'function') {
      throw new TypeError(`addDoneCallback(): cb must be a function, got ${repr(cb)}`);
    }
    const ctx = opts?.context ?? null;
    if (this._state !== PENDING) {
      this._loop._callSoonInternal(cb, this, ctx, ctx === null ? captureMap() : ctx._map);
      return;
    }
    this._add(cb, ctx ?? captureMap());
  }

  /**
   * Removes every registration of `cb`; returns how many were removed.
   *
   * @example
   * ```ts
   * fut.addDoneCallback(log);
   * fut.removeDoneCallback(log); // 1
   * ```
   */
  removeDoneCallback(cb: DoneCallback<T>): number {
    const rest = this._callbacks;
    if (rest === null) return 0; // only a waker in _cb0, never a function
    const all: unknown[] = this._cb0 === null ? [] : [this._cb0, null];
    for (let i = 0; i < rest.length; i++) all.push(rest[i]);
    this._cb0 = null;
    this._callbacks = null;
    let removed = 0;
    for (let i = 0; i < all.length; i += 2) {
      if (all[i] === cb) removed++;
      else this._add(all[i], all[i + 1]);
    }
    return removed;
  }

  /**
   * Completes the future with `value` and schedules its callbacks.
   *
   * @throws InvalidStateError if the future is already done.
   * @example
   * ```ts
   * fut.setResult('ok');
   * ```
   */
  setResult(value: T): void {
    if (this._state !== PENDING) throw this._alreadyDone('setResult');
    this._finish(FINISHED, value);
  }

  /**
   * Completes the future with an exception and schedules its callbacks.
   *
   * @throws InvalidStateError if the future is already done; TypeError if
   * `exception` is undefined.
   * @example
   * ```ts
   * fut.setException(new Error('boom'));
   * ```
   */
  setException(exception: unknown): void {
    if (this._state !== PENDING) throw this._alreadyDone('setException');
    if (exception === undefined) {
      throw new TypeError('setException(): exception must not be undefined');
    }
    this._fail(exception);
  }

  /**
   * Cancels the future and schedules its callbacks. Returns `false` if it was
   * already done.
   *
   * @example
   * ```ts
   * fut.cancel('no longer needed'); // true
   * ```
   */
  cancel(msg?: string): boolean {
    this._flags &= ~LOG_TRACEBACK;
    if (this._state !== PENDING) return false;
    this._finish(CANCELLED, msg);
    return true;
  }

  /**
   * The loop the future is bound to.
   *
   * @example
   * ```ts
   * fut.getLoop() === getRunningLoop();
   * ```
   */
  getLoop(): EventLoop {
    return this._loop;
  }

  /**
   * Makes `yield* fut` work: suspends the task until the future is done, then
   * evaluates to its result (or throws). A done future does not suspend.
   *
   * @example
   * ```ts
   * const value = yield* fut;
   * ```
   */
  [Symbol.iterator](): Iterator<Future<unknown>, T, unknown> {
    return this;
  }

  /** @internal The iterator protocol behind `yield*`; not for direct use. */
  next(): IteratorResult<Future<unknown>, T> {
    if (this._state === PENDING) {
      this._flags |= BLOCKING;
      return { done: false, value: this as Future<unknown> };
    }
    return { done: true, value: this.result() };
  }

  /** @internal Delivers an error thrown into the awaiting coroutine. */
  throw(e?: unknown): IteratorResult<Future<unknown>, T> {
    throw e;
  }

  /** @internal Lets `gen.return()` pass through a `yield*` on this future. */
  return(value?: unknown): IteratorResult<Future<unknown>, T> {
    return { done: true, value: value as T };
  }

  /**
   * Promise interop: settles like the future (a cancelled future rejects with
   * `CancelledError`). Works in plain `async` code: `await fut`.
   *
   * @example
   * ```ts
   * const task = loop.createTask(main());
   * const done = loop.runUntilComplete(task);
   * console.log(await task);
   * ```
   */
  // biome-ignore lint/suspicious/noThenProperty: Futures are deliberately thenable.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const p = new Promise<T>((resolve, reject) => {
      if (this._state !== PENDING) settle(this, resolve, reject);
      else this._addWaker(new PromiseSettler(resolve, reject));
    });
    return p.then(onFulfilled, onRejected);
  }

  /** `<Future pending>`, `<Future finished result=1>`, `<Future cancelled>` */
  toString(): string {
    return `<${this.constructor.name} ${this._describeState()}>`;
  }

  /** @internal */
  _describeState(): string {
    switch (this._state) {
      case PENDING:
        return 'pending';
      case FINISHED:
        return `finished result=${repr(this._value)}`;
      case FAILED:
        return `finished exception=${repr(this._value)}`;
      default:
        return 'cancelled';
    }
  }

  /** @internal Registers a waker (a task or a promise bridge). */
  _addWaker(w: DoneWaker): void {
    this._add(w, null);
  }

  /** @internal Appends a callback entry; the first one needs no array. */
  _add(cb: unknown, ctx: unknown): void {
    if (ctx === null && this._cb0 === null && this._callbacks === null) {
      this._cb0 = cb as DoneWaker;
    } else if (this._callbacks === null) {
      this._callbacks = [cb, ctx];
    } else {
      this._callbacks.push(cb, ctx);
    }
  }

  /** @internal Schedules one callback entry (or tells a waker). */
  _dispatch(cb: unknown, c: unknown): void {
    if (typeof cb === 'function') {
      if (c instanceof Map) this._loop._callSoonInternal(cb as DoneCallback<T>, this, null, c);
      else
        this._loop._callSoonInternal(
          cb as DoneCallback<T>,
          this,
          c as Context,
          (c as Context)._map,
        );
    } else {
      (cb as DoneWaker)._onDone(this as Future<unknown>);
    }
  }

  /** @internal Completes the future (no guard: the caller checked the state). */
  _finish(state: FutureState, value: unknown): void {
    this._state = state;
    this._value = value;
    const cb0 = this._cb0;
    const rest = this._callbacks;
    if (cb0 === null && rest === null) return;
    this._cb0 = null;
    this._callbacks = null;
    if (cb0 !== null) cb0._onDone(this as Future<unknown>);
    if (rest !== null)
      for (let i = 0; i < rest.length; i += 2) this._dispatch(rest[i], rest[i + 1]);
  }

  /** @internal Completes with an exception and watches for it never being retrieved. */
  _fail(exception: unknown): void {
    this._flags |= LOG_TRACEBACK;
    this._finish(FAILED, exception);
    // A waker (a `then()` bridge) may have retrieved it already.
    if (lostExceptions !== null && (this._flags & LOG_TRACEBACK) !== 0) {
      // V8 keeps an unformatted stack trace's frame receivers (this task, among
      // them) alive; formatting it now lets the future be collected.
      if (typeof exception === 'object' && exception !== null)
        void (exception as { stack?: unknown }).stack;
      lostExceptions.register(
        this,
        {
          loop: this._loop,
          exception,
          message: `${this._kind()} exception was never retrieved`,
          description: this.toString(),
        },
        this,
      );
    }
  }

  /** @internal Marks the exception as retrieved. */
  _retrieved(): void {
    if ((this._flags & LOG_TRACEBACK) !== 0) {
      this._flags &= ~LOG_TRACEBACK;
      lostExceptions?.unregister(this);
    }
  }

  /** @internal 'Future' or 'Task', for messages. */
  _kind(): string {
    return 'Future';
  }

  /** @internal The error that `result()` throws for a cancelled future. */
  _makeCancelledError(): CancelledError {
    const msg = this._state === CANCELLED ? (this._value as string | undefined) : undefined;
    return makeCancelledError(msg, this._loop._debug);
  }

  /** @internal */
  _alreadyDone(op: string): InvalidStateError {
    return new InvalidStateError(`${op}(): the future is already done: ${this.toString()}`);
  }
}

/** Settles a native promise like the done future `fut`. */
function settle<T>(fut: Future<T>, resolve: (v: T) => void, reject: (e: unknown) => void): void {
  const s = fut._state;
  if (s === FINISHED) resolve(fut._value as T);
  else if (s === CANCELLED) reject(fut._makeCancelledError());
  else {
    fut._retrieved();
    reject(fut._value);
  }
}

/** Bridges a future to the native promise made by `then()`. */
class PromiseSettler<T> implements DoneWaker {
  constructor(
    readonly resolve: (v: T) => void,
    readonly reject: (e: unknown) => void,
  ) {}
  _onDone(fut: Future<unknown>): void {
    settle(fut as Future<T>, this.resolve, this.reject);
  }
}

/**
 * Tells whether `x` is an aio {@link Future} (a `Task` included).
 *
 * @example
 * ```ts
 * isFuture(loop.createFuture()); // true
 * isFuture(Promise.resolve(1));  // false
 * ```
 */
export function isFuture(x: unknown): x is Future<unknown> {
  return x instanceof Future;
}
