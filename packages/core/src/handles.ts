/**
 * Handles: what `callSoon`, `callLater` and `callAt` return, and what the loop's
 * ready queue holds.
 *
 * @module
 */

import { type Context, type VarMap, captureMap, exitTo, state } from './contextvars';
import { type LoopInternals, TIMER_IDLE, type TimerEntry } from './events';
import { describeCall } from './format';
import type * as api from './types';

/*
 * A handle's arguments, `_args` with `_argc`, in one of three encodings (so that the
 * common calls allocate no arguments array):
 *
 *   _argc 0    no arguments; `_args` is null
 *   _argc 1    one argument, held directly in `_args` (done-callbacks, sleep's timer)
 *   _argc -1   `_args` is the array of arguments
 *
 * `setArgs` and `setOneArg` write them and `Handle._run` / `Handle._describe` read them;
 * nothing else touches the two fields.
 */
const NO_ARGS = 0;
const ONE_ARG = 1;
const ARG_ARRAY = -1;

/** Stores one argument in a handle's encoding. */
function setOneArg(h: Handle, arg: unknown): void {
  h._args = arg;
  h._argc = ONE_ARG;
}

/** Stores `args` (an array, or null for none) in a handle's encoding. */
function setArgs(h: Handle, args: unknown[] | null): void {
  if (args === null) {
    h._args = null;
    h._argc = NO_ARGS;
  } else {
    h._args = args;
    h._argc = ARG_ARRAY;
  }
}

/**
 * The Handle implementation (public type and documentation: `Handle` in types.ts).
 *
 * @internal
 */
export class Handle implements api.Handle {
  /** @internal */ _callback: ((...args: never[]) => unknown) | null;
  /** @internal the arguments, in the encoding above */ _args: unknown = null;
  /** @internal how `_args` is encoded (see above) */ _argc: number = NO_ARGS;
  /** @internal an explicit context, or null to run on `_map` */ _context: Context | null;
  /** @internal the variables captured when scheduled */ _map: VarMap;
  /** @internal */ _loop: LoopInternals;
  /** @internal */ _cancelled = false;

  /** @internal Use `loop.callSoon`. */
  constructor(
    callback: (...args: never[]) => unknown,
    args: unknown[] | null,
    loop: LoopInternals,
    context: Context | null,
    map?: VarMap,
  ) {
    this._callback = callback;
    setArgs(this, args);
    this._loop = loop;
    this._context = context;
    this._map = map ?? (context === null ? captureMap() : context._map);
  }

  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      if (!this._loop._debug) {
        this._callback = null;
        setArgs(this, null);
      }
    }
  }

  cancelled(): boolean {
    return this._cancelled;
  }

  /** @internal Runs the callback in its context; a throw goes to the exception handler. */
  _run(): void {
    if (this._cancelled) return;
    const prevCtx = state.ctx;
    const prevMap = state.map;
    const ctx = this._context;
    if (ctx !== null) {
      if (ctx._entered) {
        this._loop.callExceptionHandler({
          message: `Exception in callback ${this._describe()}`,
          exception: new Error(`cannot enter context: ${ctx.toString()} is already entered`),
          handle: this,
        });
        return;
      }
      ctx._entered = true;
      state.ctx = ctx;
      state.map = ctx._map;
    } else {
      state.ctx = null;
      state.map = this._map;
    }
    let failed = false;
    let error: unknown;
    try {
      const cb = this._callback as (...args: unknown[]) => unknown;
      const argc = this._argc;
      if (argc === ONE_ARG) cb(this._args);
      else if (argc === NO_ARGS) cb();
      else cb(...(this._args as unknown[]));
    } catch (e) {
      failed = true;
      error = e;
    } finally {
      if (ctx !== null) ctx._entered = false;
      exitTo(prevCtx, prevMap);
    }
    if (failed) {
      this._loop.callExceptionHandler({
        message: `Exception in callback ${this._describe()}`,
        exception: error,
        handle: this,
      });
    }
  }

  /** @internal */
  _describe(): string {
    const argc = this._argc;
    return describeCall(
      this._callback,
      argc === NO_ARGS ? null : argc === ONE_ARG ? [this._args] : (this._args as unknown[]),
    );
  }

  /** @internal A handle for `cb(arg)`, without an arguments array (done-callbacks). */
  static _single(
    callback: (arg: never) => unknown,
    arg: unknown,
    loop: LoopInternals,
    context: Context | null,
    map: VarMap,
  ): Handle {
    const h = new Handle(callback as (...a: never[]) => unknown, null, loop, context, map);
    setOneArg(h, arg);
    return h;
  }

  /** `<Handle cb(args)>`, `<Handle cancelled>` */
  toString(): string {
    return this._cancelled && this._callback === null
      ? `<${this.constructor.name} cancelled>`
      : `<${this.constructor.name}${this._cancelled ? ' cancelled' : ''} ${this._describe()}>`;
  }
}

/**
 * The TimerHandle implementation (public type and documentation: `TimerHandle` in
 * types.ts).
 *
 * @internal
 */
export class TimerHandle extends Handle implements api.TimerHandle, TimerEntry {
  /** @internal */ _when: number;
  /** @internal FIFO order among equal deadlines */ _seq: number;
  /** @internal the loop's: see `TimerEntry` */ _timer = TIMER_IDLE;

  /** @internal Use `loop.callLater` / `loop.callAt`. */
  constructor(
    when: number,
    seq: number,
    callback: (...args: never[]) => unknown,
    args: unknown[] | null,
    loop: LoopInternals,
    context: Context | null,
  ) {
    super(callback, args, loop, context);
    this._when = when;
    this._seq = seq;
  }

  when(): number {
    return this._when;
  }

  override cancel(): void {
    if (!this._cancelled) {
      this._loop._dropTimer(this);
      super.cancel();
    }
  }

  /** `<TimerHandle when=1000 cb()>` */
  override toString(): string {
    return `<TimerHandle${this._cancelled ? ' cancelled' : ''} when=${this._when} ${this._describe()}>`;
  }
}
