/**
 * Handles: what `callSoon`, `callLater` and `callAt` return, and what the loop's
 * ready queue holds.
 *
 * @module
 */

import { Context, type VarMap, exitTo, state } from './contextvars';
import { type LoopInternals, TIMER_IDLE, type TimerEntry } from './events';
import { describeCall } from './format';
import type * as api from './types';

/*
 * A handle is five fields (a million queued callbacks are a million handles). Two of
 * them are encoded:
 *
 * `_bits`: how `_args` holds the arguments (so that the common calls keep no
 * arguments array), and whether the handle is cancelled:
 *
 *   _bits & ARGS       NO_ARGS    no arguments (`_args` is undefined)
 *                      ONE_ARG    one argument, held directly in `_args`
 *                      ARG_ARRAY  `_args` is the array of arguments
 *   _bits & CANCELLED  cancel() was called
 *
 * `_ctx`: how the callback runs. A `Context` (given explicitly): entered while it
 * runs. Otherwise the variables captured when it was scheduled (a `VarMap`): it runs on
 * them as a snapshot, and a `Context` is made only if it sets a variable
 * (contextvars.ts).
 *
 * The constructor, `cancel` and `_run` / `_describe` are the only code that reads or
 * writes these fields.
 */
const NO_ARGS = 0;
const ONE_ARG = 1;
const ARG_ARRAY = 2;
const ARGS = 3;
const CANCELLED = 4;

/**
 * The Handle implementation (public type and documentation: `Handle` in types.ts).
 *
 * @internal
 */
export class Handle implements api.Handle {
  /** @internal */ _callback: ((...args: never[]) => unknown) | null;
  /** @internal the arguments, see above */ _args: unknown;
  /** @internal see above */ _bits: number;
  /** @internal a Context, or the variables captured (see above) */ _ctx: Context | VarMap;
  /** @internal */ _loop: LoopInternals;

  /**
   * @internal Use `loop.callSoon`. `args`: the arguments; `one`, when `args` is
   * undefined: the one argument (without an array).
   */
  constructor(
    callback: (...args: never[]) => unknown,
    args: unknown[] | undefined,
    one: unknown,
    loop: LoopInternals,
    ctx: Context | VarMap,
  ) {
    this._callback = callback;
    if (args === undefined) {
      this._args = one;
      this._bits = ONE_ARG;
    } else if (args.length === 0) {
      this._args = undefined;
      this._bits = NO_ARGS;
    } else if (args.length === 1) {
      this._args = args[0];
      this._bits = ONE_ARG;
    } else {
      this._args = args;
      this._bits = ARG_ARRAY;
    }
    this._ctx = ctx;
    this._loop = loop;
  }

  cancel(): void {
    if ((this._bits & CANCELLED) === 0) {
      this._bits |= CANCELLED;
      // Debug mode keeps the callback, to show what was cancelled (asyncio keeps its repr).
      if (!this._loop._debug) {
        this._callback = null;
        this._args = undefined;
        this._bits = CANCELLED | NO_ARGS;
      }
    }
  }

  cancelled(): boolean {
    return (this._bits & CANCELLED) !== 0;
  }

  /** @internal Runs the callback in its context; a throw goes to the exception handler. */
  _run(): void {
    const bits = this._bits;
    if ((bits & CANCELLED) !== 0) return;
    const prevCtx = state.ctx;
    const prevMap = state.map;
    const c = this._ctx;
    let ctx: Context | null = null;
    if (c instanceof Context) {
      if (c._entered) {
        this._loop.callExceptionHandler({
          message: `Exception in callback ${this._describe()}`,
          exception: new Error(`cannot enter context: ${c.toString()} is already entered`),
          handle: this,
        });
        return;
      }
      ctx = c;
      c._entered = true;
      state.ctx = c;
      state.map = c._map;
    } else {
      state.ctx = null;
      state.map = c;
    }
    let failed = false;
    let error: unknown;
    try {
      const cb = this._callback as (...args: unknown[]) => unknown;
      const argc = bits & ARGS;
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
    const argc = this._bits & ARGS;
    return describeCall(
      this._callback,
      argc === NO_ARGS ? null : argc === ONE_ARG ? [this._args] : (this._args as unknown[]),
    );
  }

  /** `<Handle cb(args)>`, `<Handle cancelled>` */
  toString(): string {
    const cancelled = (this._bits & CANCELLED) !== 0;
    return cancelled && this._callback === null
      ? `<${this.constructor.name} cancelled>`
      : `<${this.constructor.name}${cancelled ? ' cancelled' : ''} ${this._describe()}>`;
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
  /** @internal the loop's: see `TimerEntry` */ _timer = TIMER_IDLE;

  /** @internal Use `loop.callLater` / `loop.callAt`. */
  constructor(
    when: number,
    callback: (...args: never[]) => unknown,
    args: unknown[],
    loop: LoopInternals,
    ctx: Context | VarMap,
  ) {
    super(callback, args, undefined, loop, ctx);
    this._when = when;
  }

  when(): number {
    return this._when;
  }

  override cancel(): void {
    if (!this.cancelled()) {
      this._loop._dropTimer(this);
      super.cancel();
    }
  }

  /** `<TimerHandle when=1000 cb()>` */
  override toString(): string {
    return `<TimerHandle${this.cancelled() ? ' cancelled' : ''} when=${this._when} ${this._describe()}>`;
  }
}
