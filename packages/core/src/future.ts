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

import { type Context, captureMap, type VarMap } from './contextvars';
import {
  type DoneWaker,
  type LoopInternals,
  type WaitParts,
  type Waitable,
  loopInternals,
} from './events';
import { type CancelledError, InvalidStateError, makeCancelledError } from './exceptions';
import { repr } from './format';
import { runningLoop } from './runningLoop';
import type * as api from './types';

/** @internal */ export const PENDING = 0;
/** @internal */ export const FINISHED = 1;
/** @internal */ export const FAILED = 2;
/** @internal */ export const CANCELLED = 3;
/** @internal */ export type FutureState = 0 | 1 | 2 | 3;

/*
 * `_flags`, one small integer per future, so that a pending task carries one field for
 * all its booleans and its cancel count:
 *
 *   bit 0  BLOCKING       set by `yield* fut` (the iterator's `next()`), checked and
 *                         cleared by the task that receives the future: it tells
 *                         `yield* fut` from a mistaken bare `yield fut`
 *   bit 1  LOG_TRACEBACK  an exception nobody retrieved yet (set by `_fail`, cleared by
 *                         `result()`, `exception()`, `cancel()` and the awaiting task)
 *   bit 2  MUST_CANCEL    (tasks) a cancellation is due at the next step
 *   bits FLAG_BITS..      (tasks) how many cancellation requests are pending, counted in
 *                         units of CANCEL_REQUEST (task.ts)
 *
 * FLAG_BITS is derived from the top flag, so adding a flag moves the count up with it.
 */
/** @internal */ export const BLOCKING = 1;
/** @internal */ export const LOG_TRACEBACK = 2;
/** @internal */ export const MUST_CANCEL = 4;
/** @internal How many low bits of `_flags` are flags: the count of a task sits above them. */
export const FLAG_BITS: number = 32 - Math.clz32(MUST_CANCEL);

type DoneCallback<T> = (fut: Future<T>) => unknown;

/** @internal */ export type { WaitParts };
/** @internal */ export const NO_TASKS: readonly api.Task<unknown>[] = Object.freeze([]);

/*
 * Exceptions nobody retrieved ("Task exception was never retrieved"). CPython reports
 * one when the future is destroyed, which reference counting makes prompt; a
 * JavaScript engine collects garbage when it likes, in a short program maybe never.
 * So a failed future whose exception is not retrieved is reported:
 *
 *   - when its loop closes (`run()`'s end), if it is still unretrieved then;
 *   - or earlier, when it is garbage-collected (a long-running loop).
 *
 * Both hold the future weakly: the loop keeps a set of WeakRefs (`_lost`), and a
 * FinalizationRegistry reports the collected ones, holding the loop weakly too (an
 * exception handler that closes over the failed task must not keep the task alive
 * through the registry: CPython reports once such a cycle is collected, and so does
 * aio).
 */
interface Lost {
  readonly loop: WeakRef<LoopInternals>;
  readonly ref: WeakRef<Future<unknown>>;
  readonly exception: unknown;
  readonly message: string;
  readonly description: string;
}

const lostExceptions: FinalizationRegistry<Lost> | null =
  typeof FinalizationRegistry === 'function' && typeof WeakRef === 'function'
    ? new FinalizationRegistry<Lost>((lost) => {
        const loop = lost.loop.deref();
        if (loop === undefined) {
          console.error(`${lost.message}\nfutureDescription: ${lost.description}`, lost.exception);
          return;
        }
        loop._lost?.delete(lost.ref);
        report(loop, lost.message, lost.exception, lost.description);
      })
    : null;

/** The WeakRef each watched future is listed under in its loop's `_lost` set. */
const lostRefs: WeakMap<Future<unknown>, WeakRef<Future<unknown>>> | null =
  lostExceptions === null ? null : new WeakMap();

function report(loop: LoopInternals, message: string, exception: unknown, description: string) {
  loop.callExceptionHandler({ message, exception, futureDescription: description });
}

/**
 * @internal Reports every exception of `loop`'s futures still unretrieved (the loop
 * closes): from then on nothing can retrieve them.
 */
export function reportUnretrieved(loop: LoopInternals): void {
  const lost = loop._lost;
  if (lost === null) return;
  loop._lost = null;
  for (const ref of lost) {
    const fut = ref.deref() as Future<unknown> | undefined;
    if (fut === undefined || (fut._flags & LOG_TRACEBACK) === 0) continue;
    fut._retrieved();
    report(loop, `${fut._kind()} exception was never retrieved`, fut._value, fut.toString());
  }
}

/**
 * The Future implementation (the public type and its documentation: `Future` in
 * types.ts). Its state machine: PENDING → FINISHED | FAILED | CANCELLED, once; every
 * mutator opens with the same guard.
 *
 * The done-callback list has two slots: `_cb0`, the first entry when it is a waker
 * (the common case: one task awaits the future, no array), and `_callbacks`, the other
 * entries in order as pairs `[cb, ctx, cb, ctx, ...]`. The `ctx` of a pair encodes how
 * the callback runs, and `_dispatch` is its one reader:
 *
 *   - `null`: `cb` is a {@link DoneWaker}, told synchronously (`_onDone`);
 *   - a `Map` (a `VarMap`): `cb` is a function, scheduled with `callSoon` to run in a
 *     copy of the variables captured when it was added;
 *   - a `Context`: `cb` is a function, scheduled to run in that context.
 *
 * @internal
 */
export class Future<T = unknown> implements api.Future<T>, Waitable {
  /** @internal */ _loop: LoopInternals;
  /** @internal */ _state: FutureState = PENDING;
  /** @internal result, exception, or cancel message, by state */ _value: unknown = undefined;
  /**
   * @internal The first waker (a task or a promise bridge) when it is the first
   * entry: the common case, one task awaiting the future, needs no array.
   */
  _cb0: DoneWaker | null = null;
  /** @internal the other entries, in order: [cb, ctx, cb, ctx, …] (see the class comment) */
  _callbacks: unknown[] | null = null;
  /** @internal flag bits and a task's cancel count: see FLAG_BITS */ _flags = 0;

  constructor(opts?: { loop?: api.EventLoop }) {
    const loop = opts?.loop;
    this._loop = loop === undefined ? runningLoop() : loopInternals(loop, 'Future()');
  }

  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  done(): boolean {
    return this._state !== PENDING;
  }

  result(): T {
    const s = this._state;
    if (s === FINISHED) return this._value as T;
    if (s === CANCELLED) throw this._makeCancelledError();
    if (s === PENDING) throw new InvalidStateError('Result is not ready.');
    this._retrieved();
    throw this._value;
  }

  exception(): unknown {
    const s = this._state;
    if (s === CANCELLED) throw this._makeCancelledError();
    if (s === PENDING) throw new InvalidStateError('Exception is not set.');
    if (s === FINISHED) return undefined;
    this._retrieved();
    return this._value;
  }

  addDoneCallback(cb: DoneCallback<T>, opts?: { context?: Context }): void {
    if (typeof cb !== 'function') {
      throw new TypeError(`addDoneCallback(): cb must be a function, got ${repr(cb)}`);
    }
    const ctx = opts?.context ?? null;
    if (this._state !== PENDING) {
      this._loop._callSoonOne(cb, this, ctx, ctx === null ? captureMap() : ctx._map);
      return;
    }
    this._add(cb, ctx ?? captureMap());
  }

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
      else this._add(all[i], all[i + 1] as Context | VarMap | null);
    }
    return removed;
  }

  setResult(value: T): void {
    if (this._state !== PENDING) throw this._alreadyDone('setResult');
    this._finish(FINISHED, value);
  }

  setException(exception: unknown): void {
    if (this._state !== PENDING) throw this._alreadyDone('setException');
    if (exception === undefined) {
      throw new TypeError('setException(): exception must not be undefined');
    }
    this._fail(exception);
  }

  cancel(msg?: string): boolean {
    this._retrieved();
    if (this._state !== PENDING) return false;
    this._finish(CANCELLED, msg);
    return true;
  }

  getLoop(): api.EventLoop {
    return this._loop;
  }

  [Symbol.iterator](): Iterator<api.Suspension, T, unknown> {
    return this;
  }

  /** @internal The iterator protocol behind `yield*`; not for direct use. */
  next(): IteratorResult<api.Suspension, T> {
    if (this._state === PENDING) {
      this._flags |= BLOCKING;
      // The token a task receives is the future itself (the task checks BLOCKING).
      return { done: false, value: this as unknown as api.Suspension };
    }
    return { done: true, value: this.result() };
  }

  /** @internal Delivers an error thrown into the awaiting coroutine. */
  throw(e?: unknown): IteratorResult<api.Suspension, T> {
    throw e;
  }

  /** @internal Lets `gen.return()` pass through a `yield*` on this future. */
  return(value?: unknown): IteratorResult<api.Suspension, T> {
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
    return `<${this._displayName()} ${this._describeState()}>`;
  }

  /** @internal The class name `toString()` shows (a user's subclass shows its own). */
  _displayName(): string {
    return this.constructor.name;
  }

  /** @internal */
  _describeState(): string {
    return describeState(this._state, this._value);
  }

  /** @internal A Future is its own public future (see `Waitable`). */
  _asFuture(): Future<unknown> {
    return this as Future<unknown>;
  }

  /** @internal Removes a waker registered with `_addWaker` (once). */
  _removeWaker(w: DoneWaker): void {
    if (this._cb0 === w) {
      this._cb0 = null;
      return;
    }
    const rest = this._callbacks;
    if (rest === null) return;
    for (let i = 0; i < rest.length; i += 2) {
      if (rest[i] === w && rest[i + 1] === null) {
        rest.splice(i, 2);
        return;
      }
    }
  }

  /** @internal Registers a waker (a task or a promise bridge). */
  _addWaker(w: DoneWaker): void {
    this._add(w, null);
  }

  /** @internal Appends a callback entry; the first one, a waker, needs no array. */
  _add(cb: unknown, ctx: Context | VarMap | null): void {
    if (ctx === null && this._cb0 === null && this._callbacks === null) {
      this._cb0 = cb as DoneWaker;
    } else if (this._callbacks === null) {
      this._callbacks = [cb, ctx];
    } else {
      this._callbacks.push(cb, ctx);
    }
  }

  /** @internal Runs one callback entry: the one reader of the `ctx` encoding. */
  _dispatch(cb: unknown, ctx: unknown): void {
    if (ctx === null) {
      (cb as DoneWaker)._onDone(this as Future<unknown>);
    } else if (ctx instanceof Map) {
      this._loop._callSoonOne(cb as DoneCallback<T>, this, null, ctx as VarMap);
    } else {
      this._loop._callSoonOne(cb as DoneCallback<T>, this, ctx as Context, (ctx as Context)._map);
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
      const loop = this._loop;
      const ref = new WeakRef<Future<unknown>>(this as Future<unknown>);
      (lostRefs as WeakMap<Future<unknown>, WeakRef<Future<unknown>>>).set(this, ref);
      (loop._lost ??= new Set()).add(ref);
      lostExceptions.register(
        this,
        {
          loop: new WeakRef(loop),
          ref,
          exception,
          message: `${this._kind()} exception was never retrieved`,
          description: this.toString(),
        },
        this,
      );
    }
  }

  /** @internal Marks the exception as retrieved (or not to be reported: cancel()). */
  _retrieved(): void {
    if ((this._flags & LOG_TRACEBACK) !== 0) {
      this._flags &= ~LOG_TRACEBACK;
      if (lostExceptions !== null) {
        lostExceptions.unregister(this);
        const ref = (lostRefs as WeakMap<Future<unknown>, WeakRef<Future<unknown>>>).get(this);
        if (ref !== undefined) this._loop._lost?.delete(ref);
      }
    }
  }

  /**
   * @internal What a task that awaits this future waits on. Futures made for a purpose
   * (a task, a gather, a sleep, a lock's waiter…) say more by overriding this.
   */
  _describeWait(): WaitParts {
    return { kind: 'future', text: `future ${this.toString()}`, blockers: NO_TASKS };
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

/**
 * @internal How `toString()` shows a future's state: `pending`, `finished result=1`,
 * `finished exception=Error('x')`, `cancelled`.
 */
export function describeState(state: number, value: unknown): string {
  switch (state) {
    case PENDING:
      return 'pending';
    case FINISHED:
      return `finished result=${repr(value)}`;
    case FAILED:
      return `finished exception=${repr(value)}`;
    default:
      return 'cancelled';
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
  _onDone(fut: Waitable): void {
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
export function isFuture(x: unknown): x is api.Future<unknown> {
  return x instanceof Future;
}

/**
 * A future that core makes for one purpose (a sleep, a lock's waiter, a wrapped
 * promise…): it describes its wait (`_describeWait`), but shows as a plain `Future`.
 *
 * @internal
 */
export class CoreFuture<T> extends Future<T> {
  override _displayName(): string {
    return 'Future';
  }
}

/**
 * @internal `loop.createFuture()`, typed as the implementation. A loop's `createFuture`
 * may be overridden (as asyncio's `create_future`), but what it returns must be an aio
 * Future (a subclass is fine): core relies on the Future internals.
 */
export function newFuture<T>(loop: api.EventLoop): Future<T> {
  return loop.createFuture<T>() as Future<T>;
}
