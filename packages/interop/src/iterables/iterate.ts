/**
 * iterate: any AsyncIterable consumed from a coroutine.
 *
 * @module
 */

import { type AioIterator, type Coro, type Future, getRunningLoop, wrapPromise } from '@aio/core';
import { describe } from '../internal/describe';
import { OwnerWatch } from '../internal/ownerTask';

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Reads any native `AsyncIterable` (an async generator, a Node stream, a
 * `ReadableStream`, …) from a coroutine: `const r = yield* it.next()`.
 *
 * - Each `next()` waits for the source's `next()` promise (through `wrapPromise`,
 *   so a `VirtualClock` holds time still meanwhile). Values and errors arrive as
 *   they are: an error from the source is thrown by `next()` (the same object) and
 *   ends the iteration.
 * - **Cancelling the consumer** — while it waits in `next()`, or anywhere else if
 *   it is the task that called `next()` last — calls the source iterator's
 *   `return()` (without waiting for it: an async generator runs its `finally` once
 *   its current `await` settles). A value that arrives after that is dropped;
 *   `next()` then reports `{ done: true }`.
 * - `return()` stops early: it calls the source's `return()` and waits for it.
 * - The source's `[Symbol.asyncIterator]()` is called at the first `next()`.
 *
 * @throws TypeError if `source` is not an `AsyncIterable`.
 * @example
 * ```ts
 * import { run, type Coro } from '@aio/core';
 * import { iterate } from '@aio/interop';
 *
 * async function* numbers() {
 *   yield 1;
 *   yield 2;
 * }
 * function* main(): Coro<number> {
 *   const it = iterate(numbers());
 *   let sum = 0;
 *   for (let r = yield* it.next(); !r.done; r = yield* it.next()) sum += r.value;
 *   return sum;
 * }
 * console.log(await run(main())); // → 3
 * ```
 */
export function iterate<T>(source: AsyncIterable<T>): AioIterator<T> {
  if (
    source === null ||
    (typeof source !== 'object' && typeof source !== 'function') ||
    typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] !== 'function'
  ) {
    throw new TypeError(
      `iterate(): source must be an AsyncIterable (with [Symbol.asyncIterator]), got ${describe(source)}`,
    );
  }
  return new AsyncIterableReader(source);
}

class AsyncIterableReader<T> implements AioIterator<T> {
  readonly #source: AsyncIterable<T>;
  #it: AsyncIterator<T> | null = null;
  #closed = false;
  readonly #owner = new OwnerWatch(() => this.#release());

  constructor(source: AsyncIterable<T>) {
    this.#source = source;
  }

  *next(): Coro<IteratorResult<T, undefined>> {
    if (this.#closed) return DONE;
    this.#owner.adopt();
    let it = this.#it;
    let fut: Future<IteratorResult<T>>;
    try {
      if (it === null) it = this.#it = this.#source[Symbol.asyncIterator]();
      fut = wrapPromise(it.next());
    } catch (e) {
      this.#finish();
      throw e;
    }
    let r: IteratorResult<T>;
    try {
      r = yield* fut;
    } catch (e) {
      // Our wait was cancelled (the consumer was): release the source. Otherwise
      // the source failed, and a failed iterator is finished (as for await sees it).
      if (fut.cancelled()) this.#release();
      else this.#finish();
      throw e;
    }
    if (this.#closed) return DONE; // released while the value was on its way
    if (r === null || typeof r !== 'object') {
      this.#finish();
      throw new TypeError(
        `iterate(): the source's next() resolved to ${describe(r)}, not an object`,
      );
    }
    if (r.done) {
      this.#finish();
      return DONE;
    }
    return { done: false, value: r.value };
  }

  *return(): Coro<IteratorResult<T, undefined>> {
    if (this.#closed) return DONE;
    this.#finish();
    const it = this.#it;
    if (it !== null && typeof it.return === 'function') {
      yield* wrapPromise(it.return());
    }
    return DONE;
  }

  /** The iteration is over: no return() is owed to the source. */
  #finish(): void {
    this.#closed = true;
    this.#owner.drop();
  }

  /** Closes early without waiting: calls the source's return(), reports its failure. */
  #release(): void {
    if (this.#closed) return;
    this.#finish();
    const it = this.#it;
    if (it === null || typeof it.return !== 'function') return;
    const loop = getRunningLoop();
    const report = (e: unknown): void => {
      loop.callExceptionHandler({
        message: "iterate(): the source iterator's return() failed",
        exception: e,
      });
    };
    try {
      Promise.resolve(it.return()).then(undefined, report);
    } catch (e) {
      report(e);
    }
  }
}
