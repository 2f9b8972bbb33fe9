/**
 * Handles: what `callSoon`, `callLater` and `callAt` return, and what the loop's
 * ready queue holds.
 *
 * @module
 */

import { type Context, type VarMap, captureMap, exitTo, state } from './contextvars';
import type { EventLoop } from './eventLoop';
import { describeCall } from './format';

/**
 * A scheduled callback. `cancel()` stops it from running (if it has not run yet).
 *
 * @example
 * ```ts
 * const h = loop.callSoon(() => console.log('never'));
 * h.cancel();
 * h.cancelled(); // true
 * ```
 */
export class Handle {
  /** @internal */ _callback: ((...args: never[]) => unknown) | null;
  /** @internal the arguments: none (null), the one argument (`_argc` 1), or an array */
  _args: unknown;
  /** @internal 0, 1, or -1 for an array in `_args` */ _argc: number;
  /** @internal an explicit context, or null to run on `_map` */ _context: Context | null;
  /** @internal the variables captured when scheduled */ _map: VarMap;
  /** @internal */ _loop: EventLoop;
  /** @internal */ _cancelled = false;

  /** @internal Use `loop.callSoon`. */
  constructor(
    callback: (...args: never[]) => unknown,
    args: unknown[] | null,
    loop: EventLoop,
    context: Context | null,
    map?: VarMap,
  ) {
    this._callback = callback;
    if (args === null) {
      this._args = null;
      this._argc = 0;
    } else {
      this._args = args;
      this._argc = -1;
    }
    this._loop = loop;
    this._context = context;
    this._map = map ?? (context === null ? captureMap() : context._map);
  }

  /**
   * Cancels the callback: it will not run. Drops the callback and its arguments
   * at once, so a cancelled handle holds nothing.
   *
   * @example
   * ```ts
   * loop.callLater(1000, tick).cancel();
   * ```
   */
  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      if (!this._loop._debug) {
        this._callback = null;
        this._args = null;
        this._argc = 0;
      }
    }
  }

  /**
   * Whether {@link Handle.cancel} was called.
   *
   * @example
   * ```ts
   * handle.cancelled(); // false until cancelled
   * ```
   */
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
      if (argc === 1) cb(this._args);
      else if (argc === 0) cb();
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
      argc === 0 ? null : argc === 1 ? [this._args] : (this._args as unknown[]),
    );
  }

  /** @internal A handle for `cb(arg)`, without an arguments array (done-callbacks). */
  static _single(
    callback: (arg: never) => unknown,
    arg: unknown,
    loop: EventLoop,
    context: Context | null,
    map: VarMap,
  ): Handle {
    const h = new Handle(callback as (...a: never[]) => unknown, null, loop, context, map);
    h._args = arg;
    h._argc = 1;
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
 * A callback scheduled for a time: what `callLater` and `callAt` return.
 *
 * @example
 * ```ts
 * const h = loop.callLater(1000, () => console.log('one second'));
 * h.when(); // loop.time() + 1000 at the moment of scheduling
 * ```
 */
export class TimerHandle extends Handle {
  /** @internal */ _when: number;
  /** @internal FIFO order among equal deadlines */ _seq: number;
  /** @internal whether it is in the loop's heap */ _scheduled = false;

  /** @internal Use `loop.callLater` / `loop.callAt`. */
  constructor(
    when: number,
    seq: number,
    callback: (...args: never[]) => unknown,
    args: unknown[] | null,
    loop: EventLoop,
    context: Context | null,
  ) {
    super(callback, args, loop, context);
    this._when = when;
    this._seq = seq;
  }

  /**
   * The time (on the loop's clock, in ms) at which the callback is due.
   *
   * @example
   * ```ts
   * loop.callAt(loop.time() + 50, f).when();
   * ```
   */
  when(): number {
    return this._when;
  }

  /**
   * Cancels the timer. The loop removes cancelled timers lazily (and compacts
   * its heap when they are more than half of at least 100 timers).
   *
   * @example
   * ```ts
   * const h = loop.callLater(1000, f);
   * h.cancel();
   * ```
   */
  override cancel(): void {
    if (!this._cancelled) {
      if (this._scheduled) this._loop._timerHandleCancelled();
      super.cancel();
    }
  }

  /** `<TimerHandle when=1000 cb()>` */
  override toString(): string {
    return `<TimerHandle${this._cancelled ? ' cancelled' : ''} when=${this._when} ${this._describe()}>`;
  }
}
