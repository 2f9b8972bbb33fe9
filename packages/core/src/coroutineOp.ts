/**
 * The coroutines core makes, and the two mistakes they guard against.
 *
 * 1. Hand-written coroutines: small classes that implement the generator protocol the
 *    task drives (`next`, `throw`, `return`) for the hottest operations (`sleep`,
 *    `Queue.get`/`put`), because creating and resuming a generator object costs as much
 *    as the rest of such an operation.
 * 2. `await sleep(1000)` in an `async` function does nothing: a generator object is not
 *    a promise, so `await` hands it back at once. Every coroutine core makes has a
 *    `then` that throws a `TypeError` saying to use `yield*` (or `run()` /
 *    `createTask()`), so the mistake fails loudly where it is made.
 * 3. `sleep(1000);` without `yield*` creates a coroutine that never runs. In debug mode
 *    every coroutine core makes is watched until its first step; one that is
 *    garbage-collected without ever being started is reported to its loop's exception
 *    handler ("coroutine sleep() was never awaited", with where it was created), like
 *    CPython's RuntimeWarning. (The same mistake with the user's own generator
 *    functions is `@aio/eslint-plugin`'s to catch.)
 *
 * @internal
 * @module
 */

import type { LoopInternals } from './events';
import { callerSite } from './format';
import { peekRunningLoop } from './runningLoop';

const GeneratorPrototype = Object.getPrototypeOf(function* () {}).prototype as object;

/**
 * Makes instances of `cls` coroutines as far as anyone can tell: the prototype
 * chain is a generator's, so `Object.prototype.toString` says '[object
 * Generator]' and `createTask(op)`, `gather(op)`, `waitFor(op, ms)` accept them.
 * Call it as `const Op = /* @__PURE__ *\/ adoptGeneratorPrototype(OpImpl)`: the
 * annotation lets bundlers drop an op class nobody uses.
 *
 * @internal
 */
export function adoptGeneratorPrototype<C extends { prototype: object }>(cls: C): C {
  Object.setPrototypeOf(cls.prototype, GeneratorPrototype);
  return cls;
}

/**
 * The `then` of a coroutine core made: awaiting one is a mistake, said at once.
 *
 * @internal
 */
export function refuseAwait(name: string): Refusal {
  const then = (() => {
    throw awaitError(name);
  }) as Refusal;
  then._coroName = name;
  return then;
}

/** @internal A coroutine's `then`, and the name it gives the coroutine. */
export type Refusal = (() => never) & { _coroName?: string };

/** @internal What awaiting the coroutine `name` (`'sleep()'`) throws. */
export function awaitError(name: string): TypeError {
  return new TypeError(
    `${name} returned a coroutine, and \`await\` does not run a coroutine: use ` +
      `\`yield* ${name.replace(/\(\)$/, '(…)')}\` inside a coroutine, or run it with ` +
      'run() / createTask()',
  );
}

// ---- never awaited (debug mode) -----------------------------------------------------

interface Unstarted {
  readonly loop: LoopInternals;
  readonly name: string;
  readonly createdAt: string;
}

const neverStarted: FinalizationRegistry<Unstarted> | null =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Unstarted>((c) => {
        c.loop.callExceptionHandler({
          message: `coroutine ${c.name} was never awaited`,
          createdAt: c.createdAt,
        });
      })
    : null;

/**
 * In debug mode (of the running loop), watches `coro` until its first step: reported if
 * it is garbage-collected unstarted. Returns whether it is watched (the caller then
 * calls {@link started} at its first step).
 *
 * @internal
 */
export function watchUnstarted(coro: object, name: string): boolean {
  const loop = peekRunningLoop();
  if (loop === null || !loop._debug || neverStarted === null) return false;
  neverStarted.register(coro, { loop, name, createdAt: callerSite() }, coro);
  return true;
}

/** @internal The first step of a watched coroutine: it was awaited after all. */
export function started(coro: object): void {
  neverStarted?.unregister(coro);
}

/**
 * A coroutine core made from one of its generator functions: the generator objects of
 * that function refuse `await` (their prototype gets the `then` of {@link refuseAwait},
 * once), and in debug mode the coroutine is watched until it starts (through a thin
 * wrapper, debug mode only).
 *
 * @internal
 */
export function libraryCoro<G extends Generator<unknown, unknown, unknown>>(
  gen: G,
  name: string,
): G {
  // The `then` lives on the prototype of the generator function's objects, made once.
  // A generator function shared by several methods (`holding` behind every `hold()`)
  // names the first caller there; the others get their own `then`.
  const proto = Object.getPrototypeOf(gen) as { then?: Refusal };
  const then = Object.hasOwn(proto, 'then') ? proto.then : undefined;
  if (then === undefined) {
    Object.defineProperty(proto, 'then', { value: refuseAwait(name), configurable: true });
  } else if (then._coroName !== name) {
    Object.defineProperty(gen, 'then', { value: refuseAwait(name), configurable: true });
  }
  const loop = peekRunningLoop();
  if (loop?._debug) return new Watched(gen, name) as unknown as G;
  return gen;
}

/** Debug mode: a generator delegated to, watched until its first step. */
class WatchedImpl {
  declare _inner: Generator<unknown, unknown, unknown>;
  declare _watching: boolean;
  // biome-ignore lint/suspicious/noThenProperty: `await` on a coroutine is refused with a TypeError.
  declare then: Refusal;

  constructor(inner: Generator<unknown, unknown, unknown>, name: string) {
    this._inner = inner;
    this._watching = watchUnstarted(this, name);
    // biome-ignore lint/suspicious/noThenProperty: see above.
    this.then = refuseAwait(name);
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(value?: unknown): IteratorResult<unknown, unknown> {
    this._start();
    return this._inner.next(value);
  }

  throw(e: unknown): IteratorResult<unknown, unknown> {
    this._start();
    return this._inner.throw(e);
  }

  return(value?: unknown): IteratorResult<unknown, unknown> {
    this._start();
    return this._inner.return(value);
  }

  _start(): void {
    if (this._watching) {
      this._watching = false;
      started(this);
    }
  }
}
const Watched = /* @__PURE__ */ adoptGeneratorPrototype(WatchedImpl);
