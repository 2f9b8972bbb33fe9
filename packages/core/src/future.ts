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
 * its state, all its booleans and its cancel count:
 *
 *   bits 0-1  STATE          PENDING, FINISHED, FAILED or CANCELLED (read as `_state`)
 *   bit 2     BLOCKING       set by `yield* fut` (the iterator's `next()`), checked and
 *                            cleared by the task that receives the future: it tells
 *                            `yield* fut` from a mistaken bare `yield fut`
 *   bit 3     LOG_TRACEBACK  an exception nobody retrieved yet (set by `_fail`, cleared
 *                            by `result()`, `exception()`, `cancel()` and the awaiting task)
 *   bit 4     MUST_CANCEL    (tasks) a cancellation is due at the next step
 *   bit 5     THROW_NEXT     (tasks) the next step throws an error into the coroutine
 *                            (held aside by task.ts: rare, so it costs no field)
 *   bits FLAG_BITS..         (tasks) how many cancellation requests are pending, counted
 *                            in units of CANCEL_REQUEST (task.ts)
 *
 * FLAG_BITS is derived from the top flag, so adding a flag moves the count up with it.
 */
/** @internal The state bits of `_flags`. */ export const STATE = 3;
/** @internal */ export const BLOCKING = 4;
/** @internal */ export const LOG_TRACEBACK = 8;
/** @internal */ export const MUST_CANCEL = 16;
/** @internal */ export const THROW_NEXT = 32;
/** @internal How many low bits of `_flags` are flags: the count of a task sits above them. */
export const FLAG_BITS: number = 32 - Math.clz32(THROW_NEXT);

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
 * The done-callbacks, `_cbs`, in one of three encodings (so that the common case, one
 * task awaiting the future, needs no array, and a future that 100 000 tasks await holds
 * one slot per task):
 *
 *   - `null`: none;
 *   - a {@link DoneWaker} (an object, never an array): the one entry;
 *   - an array of the entries in order. A waker takes one element, told synchronously
 *     (`_onDone`); a function callback takes two: the function, then how it runs — a
 *     `Map` (a `VarMap`: in a copy of the variables captured when it was added) or a
 *     `Context` (in that context). A waker is never a function, so the `typeof` of an
 *     element tells where an entry ends.
 *
 * `_add` writes the list and `_finish` (through `_dispatch`), `_removeWaker`,
 * `removeDoneCallback` and `_eachCallback` read it; nothing else touches `_cbs`.
 *
 * @internal
 */
export class Future<T = unknown> implements api.Future<T>, Waitable {
  /** @internal */ _loop: LoopInternals;
  /** @internal result, exception, or cancel message, by state */ _value: unknown = undefined;
  /** @internal the done-callbacks, in the encoding of the class comment */
  _cbs: DoneWaker | unknown[] | null = null;
  /** @internal the state, flag bits and a task's cancel count: see FLAG_BITS */ _flags = 0;

  constructor(opts?: { loop?: api.EventLoop }) {
    const loop = opts?.loop;
    this._loop = loop === undefined ? runningLoop() : loopInternals(loop, 'Future()');
  }

  /** @internal The state (in `_flags`: one field less per future and task). */
  get _state(): FutureState {
    return (this._flags & STATE) as FutureState;
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
      this._loop._callSoonOne(cb, this, ctx ?? captureMap());
      return;
    }
    this._add(cb, ctx ?? captureMap());
  }

  removeDoneCallback(cb: DoneCallback<T>): number {
    const all = this._cbs;
    if (!Array.isArray(all)) return 0; // none, or one waker (never a function)
    this._cbs = null;
    let removed = 0;
    for (let i = 0; i < all.length; i++) {
      const e = all[i];
      if (typeof e !== 'function') {
        this._add(e, null);
      } else {
        const ctx = all[++i] as Context | VarMap;
        if (e === cb) removed++;
        else this._add(e, ctx);
      }
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
    const s = this._flags & STATE;
    if (s === PENDING) {
      this._flags |= BLOCKING;
      // The token a task receives is the future itself (the task checks BLOCKING).
      return { done: false, value: this as unknown as api.Suspension };
    }
    // (The common case, a result, without a call: `yield*` on a done future is hot.)
    return { done: true, value: s === FINISHED ? (this._value as T) : this.result() };
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
    const all = this._cbs;
    if (all === w) {
      this._cbs = null;
    } else if (Array.isArray(all)) {
      // A waker is never a function, so it cannot be mistaken for a callback's context.
      const i = all.indexOf(w);
      if (i >= 0) all.splice(i, 1);
    }
  }

  /** @internal Registers a waker (a task or a promise bridge). */
  _addWaker(w: DoneWaker): void {
    this._add(w, null);
  }

  /**
   * @internal Appends an entry: a waker (`ctx` null), or a function and how it runs. A
   * lone waker needs no array.
   */
  _add(cb: unknown, ctx: Context | VarMap | null): void {
    const all = this._cbs;
    if (all === null) {
      this._cbs = ctx === null ? (cb as DoneWaker) : [cb, ctx];
    } else if (Array.isArray(all)) {
      if (ctx === null) all.push(cb);
      else all.push(cb, ctx);
    } else {
      this._cbs = ctx === null ? [all, cb] : [all, cb, ctx];
    }
  }

  /** @internal Schedules a function callback, to run as `ctx` says (handles.ts). */
  _dispatch(cb: DoneCallback<T>, ctx: Context | VarMap): void {
    this._loop._callSoonOne(cb, this, ctx);
  }

  /** @internal Completes the future (no guard: the caller checked the state). */
  _finish(state: FutureState, value: unknown): void {
    this._flags = (this._flags & ~STATE) | state;
    this._value = value;
    const all = this._cbs;
    if (all === null) return;
    this._cbs = null;
    if (!Array.isArray(all)) {
      (all as DoneWaker)._onDone(this as Future<unknown>);
      return;
    }
    for (let i = 0; i < all.length; i++) {
      const e = all[i];
      if (typeof e === 'function')
        this._dispatch(e as DoneCallback<T>, all[++i] as Context | VarMap);
      else (e as DoneWaker)._onDone(this as Future<unknown>);
    }
  }

  /** @internal Calls `fn` with each done-callback entry (a waker, or a function). */
  _eachCallback(fn: (cb: unknown) => void): void {
    const all = this._cbs;
    if (all === null) return;
    if (!Array.isArray(all)) {
      fn(all);
      return;
    }
    for (let i = 0; i < all.length; i++) {
      const e = all[i];
      fn(e);
      if (typeof e === 'function') i++;
    }
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
   * (a task, a gather, a sleep's stand-in, a lock's waiter…) say more by overriding this.
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
 * A future that core makes for one purpose (a sleep's stand-in, a lock's waiter, a wrapped
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
