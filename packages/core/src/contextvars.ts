/**
 * Context variables, as Python's `contextvars`: values that follow the flow of
 * control through tasks and callbacks instead of the call stack.
 *
 * Each task runs in a copy of the context that was current when it was created;
 * each callback runs in (a copy of) the context that was current when it was
 * scheduled, or in the one passed explicitly.
 *
 * A context's variables are an immutable `Map` replaced on every `set`, so a copy
 * is O(1) and a snapshot never changes. A callback scheduled without an explicit
 * context captures only the current map; a `Context` object for it is made only if
 * the callback sets a variable (copy-on-write), so the common path allocates nothing.
 *
 * @module
 */

type VarMap = ReadonlyMap<ContextVar<unknown>, unknown>;

const EMPTY: VarMap = new Map();
const MISSING: unique symbol = Symbol('MISSING');

/**
 * A snapshot of context variables, entered with {@link Context.run}.
 *
 * @example
 * ```ts
 * const ctx = copyContext();
 * ctx.run(() => requestId.set('abc'));
 * ctx.get(requestId); // 'abc'; the outer context is unchanged
 * ```
 */
export class Context {
  /** @internal */
  _map: VarMap;
  /** @internal */
  _entered = false;
  /** @internal true when made for a snapshot by a `set` inside a callback. */
  _snapshot = false;

  /** @internal Use {@link copyContext}. */
  constructor(map: VarMap = EMPTY) {
    this._map = map;
  }

  /**
   * Runs `fn(...args)` with this context current and returns its result.
   * Variables set inside stay in this context.
   *
   * @throws Error if this context is already entered.
   * @example
   * ```ts
   * const ctx = copyContext();
   * ctx.run((x: number) => x + 1, 41); // 42
   * ```
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    if (this._entered) {
      throw new Error(`cannot enter context: ${this.toString()} is already entered`);
    }
    const prevCtx = state.ctx;
    const prevMap = state.map;
    this._entered = true;
    state.ctx = this;
    state.map = this._map;
    try {
      return fn(...args);
    } finally {
      this._entered = false;
      exitTo(prevCtx, prevMap);
    }
  }

  /**
   * The value of `v` in this context, or `dflt` when it has none.
   *
   * @example
   * ```ts
   * copyContext().get(requestId, 'none');
   * ```
   */
  get<T, D = undefined>(v: ContextVar<T>, dflt?: D): T | D {
    return this._map.has(v as ContextVar<unknown>)
      ? (this._map.get(v as ContextVar<unknown>) as T)
      : (dflt as D);
  }

  /**
   * Whether `v` has a value in this context.
   *
   * @example
   * ```ts
   * copyContext().has(requestId);
   * ```
   */
  has(v: ContextVar<unknown>): boolean {
    return this._map.has(v);
  }

  /**
   * How many variables have a value in this context.
   *
   * @example
   * ```ts
   * copyContext().size; // 0 in a fresh program
   * ```
   */
  get size(): number {
    return this._map.size;
  }

  /**
   * The variables and their values.
   *
   * @example
   * ```ts
   * for (const [v, value] of copyContext()) console.log(v.name, value);
   * ```
   */
  [Symbol.iterator](): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this._map.entries();
  }

  /**
   * A new context with the same values.
   *
   * @example
   * ```ts
   * const again = ctx.copy();
   * ```
   */
  copy(): Context {
    return new Context(this._map);
  }

  /** `<Context size=N>` */
  toString(): string {
    return `<Context size=${this._map.size}>`;
  }
}

/** The current context and its map; `ctx` is null while a callback runs on a snapshot. */
const root = new Context();
/** @internal */
export const state: { ctx: Context | null; map: VarMap } = { ctx: root, map: EMPTY };

/** @internal Restores the state saved before entering a context or snapshot. */
export function exitTo(prevCtx: Context | null, prevMap: VarMap): void {
  const cur = state.ctx;
  // A context materialised for a snapshot (see ContextVar.set) is left behind.
  if (cur !== null && cur !== prevCtx && cur._entered && cur._snapshot) cur._entered = false;
  state.ctx = prevCtx;
  state.map = prevMap;
}

/** @internal The map a callback scheduled now should run on. */
export function captureMap(): VarMap {
  return state.map;
}

/** @internal */
export type { VarMap };

/**
 * Returns a copy of the current context.
 *
 * @example
 * ```ts
 * const ctx = copyContext();
 * loop.callSoon(() => ctx.run(work));
 * ```
 */
export function copyContext(): Context {
  return new Context(state.map);
}

/**
 * Remembers the value a {@link ContextVar.set} replaced, for {@link ContextVar.reset}.
 *
 * @example
 * ```ts
 * const token = level.set(2);
 * level.reset(token);
 * ```
 */
export class Token<T> {
  /** @internal */
  _used = false;
  /** @internal */
  constructor(
    /** @internal */ readonly _ctx: Context,
    /** The variable that was set. */ readonly variable: ContextVar<T>,
    /** @internal */ readonly _old: unknown,
  ) {}

  /**
   * The value before the `set`, or `Token.MISSING` if there was none.
   *
   * @example
   * ```ts
   * level.set(1).oldValue; // Token.MISSING the first time
   * ```
   */
  get oldValue(): T | typeof Token.MISSING {
    return this._old as T | typeof Token.MISSING;
  }

  /** Marks "the variable had no value" in {@link Token.oldValue}. */
  static readonly MISSING: typeof MISSING = MISSING;
}

/**
 * A context variable: `get()` reads the value in the current context, `set()`
 * changes it there only.
 *
 * @example
 * ```ts
 * const requestId = new ContextVar<string>('requestId', { default: '-' });
 * function* handle(id: string): Coro<void> {
 *   requestId.set(id);
 *   yield* sleep(10);
 *   console.log(requestId.get()); // still this task's id
 * }
 * ```
 */
export class ContextVar<T> {
  readonly #default: T | typeof MISSING;

  constructor(
    /** The variable's name (for messages). */ readonly name: string,
    opts?: { default?: T },
  ) {
    if (typeof name !== 'string') {
      throw new TypeError(`ContextVar(): name must be a string, got ${typeof name}`);
    }
    this.#default = opts !== undefined && 'default' in opts ? (opts.default as T) : MISSING;
  }

  /**
   * The value in the current context; else `dflt` if given; else the variable's
   * default.
   *
   * @throws Error when there is no value and no default.
   * @example
   * ```ts
   * requestId.get();       // the value, or the default
   * requestId.get('none'); // the value, or 'none'
   * ```
   */
  get(): T;
  get<D>(dflt: D): T | D;
  get(...args: unknown[]): unknown {
    const map = state.map;
    if (map.has(this as ContextVar<unknown>)) return map.get(this as ContextVar<unknown>);
    if (args.length > 0) return args[0];
    if (this.#default !== MISSING) return this.#default;
    throw new Error(`ContextVar '${this.name}' has no value in this context and no default`);
  }

  /**
   * Sets the value in the current context and returns a token to undo it.
   *
   * @example
   * ```ts
   * const token = requestId.set('abc');
   * ```
   */
  set(value: T): Token<T> {
    let ctx = state.ctx;
    if (ctx === null) {
      // A callback running on a snapshot sets a variable: give it a context of its own.
      ctx = new Context(state.map);
      ctx._entered = true;
      ctx._snapshot = true;
      state.ctx = ctx;
    }
    const self = this as ContextVar<unknown>;
    const old = ctx._map.has(self) ? ctx._map.get(self) : MISSING;
    const next = new Map(ctx._map);
    next.set(self, value);
    ctx._map = next;
    state.map = next;
    return new Token(ctx, this, old);
  }

  /**
   * Restores the value the variable had before the `set` that returned `token`.
   *
   * @throws TypeError if the token belongs to another variable or context;
   * Error if it was already used.
   * @example
   * ```ts
   * const token = requestId.set('abc');
   * requestId.reset(token);
   * ```
   */
  reset(token: Token<T>): void {
    if (!(token instanceof Token)) {
      throw new TypeError(`ContextVar.reset(): token must be a Token, got ${String(token)}`);
    }
    if (token._used) throw new Error('Token has already been used once');
    if (token.variable !== this) {
      throw new TypeError(`Token was created by a different ContextVar ('${token.variable.name}')`);
    }
    const ctx = state.ctx;
    if (token._ctx !== ctx || ctx === null) {
      throw new TypeError('Token was created in a different Context');
    }
    const self = this as ContextVar<unknown>;
    const next = new Map(ctx._map);
    if (token._old === MISSING) next.delete(self);
    else next.set(self, token._old);
    ctx._map = next;
    state.map = next;
    token._used = true;
  }

  /** `<ContextVar name='x'>` */
  toString(): string {
    return `<ContextVar name='${this.name}'>`;
  }
}
