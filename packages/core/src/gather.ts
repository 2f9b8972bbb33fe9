/**
 * gather: run awaitables concurrently and collect their results in order.
 *
 * @module
 */

import { ensureFutureOn } from './ensureFuture';
import { captureMap } from './contextvars';
import type { DoneWaker, LoopInternals, Waitable } from './events';
import { makeCancelledError } from './exceptions';
import { isGeneratorObject } from './format';
import { CANCELLED, FAILED, FINISHED, Future, PENDING, type WaitParts } from './future';
import { Task } from './task';
import { runningLoop } from './runningLoop';
import type * as api from './types';
import type { Awaitable, AwaitedOf } from './types';
import { isPromiseLike } from './wrapPromise';

/**
 * Options of {@link gather}.
 *
 * @example
 * ```ts
 * const results = yield* gather(a(), b(), { returnExceptions: true });
 * ```
 */
export interface GatherOptions {
  /** Collect errors (and cancellations) as results instead of failing fast. */
  returnExceptions?: boolean;
}

type GatherInput = Awaitable<unknown> | PromiseLike<unknown>;
type Results<A extends readonly unknown[]> = { -readonly [K in keyof A]: AwaitedOf<A[K]> };
type Settled<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: AwaitedOf<A[K]> | Error;
};

/**
 * The GatheringFuture implementation (public type and documentation:
 * `GatheringFuture` in types.ts).
 *
 * @internal
 */
export class GatheringFuture<T> extends Future<T> implements api.GatheringFuture<T> {
  /** @internal */ _children: Future<unknown>[];
  /** @internal */ _cancelRequested = false;

  /** @internal */
  constructor(children: Future<unknown>[], loop: LoopInternals) {
    super({ loop });
    this._children = children;
  }

  /** @internal `gather of 3 (2 pending)`, blocked by its pending child tasks. */
  override _describeWait(): WaitParts {
    const children = this._children;
    const blockers: api.Task<unknown>[] = [];
    let pending = 0;
    for (const c of children) {
      if (c.done()) continue;
      pending++;
      if (c instanceof Task) blockers.push(c);
    }
    return { kind: 'gather', text: `gather of ${children.length} (${pending} pending)`, blockers };
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) {
      if (child.cancel(msg)) ret = true;
    }
    // If any child was cancelled, the gather must raise CancelledError whatever
    // returnExceptions says (bpo-32684).
    if (ret) this._cancelRequested = true;
    return ret;
  }
}

function isAwaitableInput(x: unknown): boolean {
  return x instanceof Future || isGeneratorObject(x) || isPromiseLike(x);
}

function isOptions(x: unknown): x is GatherOptions {
  if (x === null || typeof x !== 'object' || isAwaitableInput(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** @internal gather with the loop given (or taken from the children). */
export function gatherOn(
  knownLoop: LoopInternals | null,
  inputs: Iterable<unknown>,
  returnExceptions: boolean,
): GatheringFuture<unknown[]> {
  const children: Future<unknown>[] = [];
  let seen: Map<unknown, Future<unknown>> | null = null;
  const doneFuts: Future<unknown>[] = [];
  let loop = knownLoop;
  let nfuts = 0;
  let nfinished = 0;
  // Callbacks scheduled and not run yet: their children finished, not counted yet.
  let nscheduled = 0;
  let outer: GatheringFuture<unknown[]> | null = null;

  const onChildDone = (fut: Future<unknown>): void => {
    nfinished++;
    if (outer === null || outer._state !== PENDING) {
      if (fut._state !== CANCELLED) fut.exception(); // mark it retrieved
      return;
    }
    if (!returnExceptions) {
      if (fut._state === CANCELLED) {
        outer._fail(fut._makeCancelledError());
        return;
      }
      if (fut._state === FAILED) {
        outer._fail(fut.exception());
        return;
      }
    }
    if (nfinished === nfuts) {
      const n = children.length;
      const results = new Array<unknown>(n);
      let last: Future<unknown> | undefined;
      for (let i = 0; i < n; i++) {
        const child = children[i] as Future<unknown>;
        last = child;
        if (child._state === CANCELLED) {
          // asyncio's CancelledError(msg or ''); without a stack trace outside debug mode,
          // as every cancellation the loop makes (cancelling 100 000 children must not
          // capture 100 000 stacks).
          // (A cancelled task's `_value` may be the CancelledError its coroutine raised:
          // then it has no message of its own, task.ts.)
          const msg = child._value;
          results[i] = makeCancelledError(
            typeof msg === 'string' ? msg : '',
            (outer as GatheringFuture<unknown[]>)._loop._debug,
          );
        } else if (child._state === FINISHED) {
          results[i] = child._value;
        } else {
          results[i] = child.exception();
        }
      }
      if (outer._cancelRequested) {
        // CPython builds this error from the last child in argument order (its
        // loop variable): kept for fidelity.
        outer._fail((last as Future<unknown>)._makeCancelledError());
      } else {
        outer._finish(FINISHED, results);
      }
    }
  };
  // One waker for every child instead of a done-callback entry each: when a child
  // completes it schedules onChildDone with callSoon, exactly as addDoneCallback
  // would (same iteration, same order, in the context current at the gather call),
  // without an entry array per child.
  //
  // Except that a child that is not the last to finish, and whose outcome the gather
  // only has to count (a result; or anything, with returnExceptions), is counted here
  // at once: its callback would do nothing else, so nothing can tell the difference,
  // and a gather of 100 000 tasks schedules one callback instead of 100 000. Counting
  // in completion order is the order those callbacks would have run in; a child is the
  // last when every other one is counted or has its callback scheduled.
  const ctxMap = captureMap();
  const onScheduledChildDone = (fut: Future<unknown>): void => {
    nscheduled--;
    onChildDone(fut);
  };
  const childWaker: DoneWaker = {
    _onDone(w: Waitable): void {
      const fut = w as Future<unknown>;
      if (
        outer !== null &&
        outer._state === PENDING &&
        nfinished + nscheduled + 1 < nfuts &&
        (returnExceptions || fut._state === FINISHED)
      ) {
        nfinished++;
        return;
      }
      nscheduled++;
      fut._loop._callSoonOne(onScheduledChildDone, fut, ctxMap);
    },
    // The gather awaits its children (getAwaitedBy reads it).
    _awaiter: null,
  };

  for (const arg of inputs) {
    let fut: Future<unknown> | undefined;
    if (arg instanceof Future) {
      // A future given twice is counted (and called back) twice; the gather
      // completes in the same iteration as with asyncio's de-duplication, and
      // no map is needed for the common case of distinct tasks.
      fut = ensureFutureOn(arg, loop);
    } else {
      // The same coroutine object must become one task, not two.
      seen ??= new Map<unknown, Future<unknown>>();
      fut = seen.get(arg);
      if (fut !== undefined) {
        children.push(fut);
        continue;
      }
      fut = ensureFutureOn(arg as GatherInput, loop);
      seen.set(arg, fut);
    }
    if (loop === null) loop = fut._loop;
    nfuts++;
    if (fut._state !== PENDING) doneFuts.push(fut);
    else fut._addWaker(childWaker);
    children.push(fut);
  }
  if (children.length === 0) {
    const empty = new GatheringFuture<unknown[]>(children, loop ?? runningLoop());
    empty._finish(FINISHED, []);
    return empty;
  }
  outer = new GatheringFuture<unknown[]>(children, loop as LoopInternals);
  childWaker._awaiter = outer;
  // Children done already complete the gather now, after it exists.
  for (const f of doneFuts) onChildDone(f);
  return outer;
}

/**
 * Runs awaitables concurrently; the future it returns resolves to their results
 * in argument order. Coroutines are wrapped in tasks.
 *
 * - Without `returnExceptions`, the first error (or a child's cancellation, as a
 *   `CancelledError`) fails the gather at once; the other children keep running.
 * - With `returnExceptions: true`, errors are collected as results.
 * - Cancelling the gather cancels every child.
 *
 * Pass the options as the last argument (a plain object), or use
 * {@link gatherWith}. For many awaitables pass one array (`gather(list)`):
 * spreading 120 000+ arguments overflows the stack.
 *
 * @example
 * ```ts
 * const [a, b] = yield* gather(fetchA(), fetchB());
 * const all = yield* gather(urls.map((u) => fetch(u))); // a list
 * const settled = yield* gather(a(), b(), { returnExceptions: true });
 * ```
 */
export function gather<const A extends readonly GatherInput[]>(
  ...aws: [...A, GatherOptions & { returnExceptions: true }]
): api.GatheringFuture<Settled<A>>;
export function gather<const A extends readonly GatherInput[]>(
  ...aws: [...A, GatherOptions]
): api.GatheringFuture<Results<A>>;
// One iterable of awaitables: the element type may be a union (`urls.map(u => c ? num()
// : str())`); AwaitedOf distributes over it, so the results are `Array<number | string>`.
export function gather<E extends GatherInput>(
  aws: Iterable<E>,
  opts: GatherOptions & { returnExceptions: true },
): api.GatheringFuture<Array<AwaitedOf<E> | Error>>;
export function gather<E extends GatherInput>(
  aws: Iterable<E>,
  opts?: GatherOptions,
): api.GatheringFuture<Array<AwaitedOf<E>>>;
export function gather<const A extends readonly GatherInput[]>(
  ...aws: A
): api.GatheringFuture<Results<A>>;
export function gather(...args: unknown[]): api.GatheringFuture<unknown[]> {
  let returnExceptions = false;
  let n = args.length;
  if (n > 0 && isOptions(args[n - 1])) {
    returnExceptions = (args[n - 1] as GatherOptions).returnExceptions === true;
    n--;
  }
  if (n === 1 && !isAwaitableInput(args[0])) {
    const list = args[0];
    if (list === null || typeof list !== 'object' || !(Symbol.iterator in list)) {
      throw new TypeError(
        'gather(): expected awaitables (futures, tasks, coroutines, promises) or one iterable of them',
      );
    }
    return gatherOn(null, list as Iterable<unknown>, returnExceptions);
  }
  const inputs = n === args.length ? args : args.slice(0, n);
  for (let i = 0; i < inputs.length; i++) {
    if (!isAwaitableInput(inputs[i])) {
      throw new TypeError(
        `gather(): argument ${i} is not awaitable (a Future, a coroutine or a PromiseLike)`,
      );
    }
  }
  return gatherOn(null, inputs, returnExceptions);
}

/**
 * {@link gather} with the options first.
 *
 * @example
 * ```ts
 * const results = yield* gatherWith({ returnExceptions: true }, a(), b());
 * ```
 */
export function gatherWith<const A extends readonly GatherInput[]>(
  opts: GatherOptions & { returnExceptions: true },
  ...aws: A
): api.GatheringFuture<Settled<A>>;
export function gatherWith<const A extends readonly GatherInput[]>(
  opts: GatherOptions,
  ...aws: A
): api.GatheringFuture<Results<A>>;
export function gatherWith(opts: GatherOptions, ...aws: unknown[]): api.GatheringFuture<unknown[]> {
  if (opts === null || typeof opts !== 'object') {
    throw new TypeError('gatherWith(): opts must be an options object');
  }
  return gatherOn(null, aws, opts.returnExceptions === true);
}
