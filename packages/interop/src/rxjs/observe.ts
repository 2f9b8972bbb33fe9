/**
 * observe: an RxJS Observable as a stream a coroutine reads, with a bounded buffer.
 *
 * @module
 */

import { type AioIterator, type Coro, type EventLoop, type Future, QueueFull } from '@aio/core';
import { isObservable, type Observable, type Subscription } from 'rxjs';
import { describe } from '../internal/describe';
import { runningLoop } from '../internal/loops';
import { OwnerWatch } from '../internal/ownerTask';
import { RingBuffer } from '../internal/ringBuffer';
import { subscribeSafely } from './subscribeSafely';

/**
 * What {@link observe} does with a value that arrives while its buffer is full.
 *
 * - `'error'`: the consumer fails with a `QueueFull` error (its next `next()`
 *   throws it, the buffered values are dropped) and the observable is unsubscribed.
 * - `'dropNewest'`: the arriving value (the newest) is dropped; the buffer keeps
 *   the older values.
 * - `'dropOldest'`: the oldest buffered value is dropped to make room for the
 *   arriving one.
 *
 * @example
 * ```ts
 * import type { OverflowPolicy } from '@aio/interop/rxjs';
 *
 * const policy: OverflowPolicy = 'dropOldest';
 * console.log(policy); // → dropOldest
 * ```
 */
export type OverflowPolicy = 'error' | 'dropNewest' | 'dropOldest';

/**
 * Options of {@link observe}.
 *
 * @example
 * ```ts
 * import type { ObserveOptions } from '@aio/interop/rxjs';
 *
 * const opts: ObserveOptions = { bufferSize: 16, overflow: 'dropNewest' };
 * console.log(opts.bufferSize); // → 16
 * ```
 */
export interface ObserveOptions {
  /** How many values may wait for the consumer (a positive integer or `Infinity`). Default 1024. */
  bufferSize?: number;
  /** What to do with a value that arrives when the buffer is full. Default `'error'`. */
  overflow?: OverflowPolicy;
}

const DEFAULT_BUFFER_SIZE = 1024;
const POLICIES: readonly string[] = ['error', 'dropNewest', 'dropOldest'];
const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Reads an Observable from a coroutine: `const r = yield* it.next()`.
 *
 * - **Subscribes at the first `next()`**. Values wait in a buffer of `bufferSize`
 *   until the consumer takes them; the producer is never blocked (an Observable
 *   cannot wait): when the buffer is full the `overflow` policy applies.
 * - The observable's error is thrown by `next()` (the same object) after the
 *   values buffered before it; completion gives `{ done: true }` after them.
 * - **Cancelling the consumer** — while it waits in `next()`, or anywhere else if
 *   it is the task that called `next()` last — unsubscribes and drops the buffer.
 *   `return()` does the same. Unsubscribing during a synchronous burst (an
 *   overflow while `subscribe()` is still emitting) is safe.
 * - One consumer at a time: `next()` while another `next()` is waiting throws an
 *   Error.
 *
 * @throws TypeError if `obs` is not an Observable; RangeError for a bad `bufferSize`
 * or `overflow`.
 * @example
 * ```ts
 * import { run, type Coro } from '@aio/core';
 * import { observe } from '@aio/interop/rxjs';
 * import { from } from 'rxjs';
 *
 * function* main(): Coro<number[]> {
 *   const it = observe(from([1, 2, 3, 4]), { bufferSize: 2, overflow: 'dropOldest' });
 *   const seen: number[] = [];
 *   for (let r = yield* it.next(); !r.done; r = yield* it.next()) seen.push(r.value);
 *   return seen;
 * }
 * console.log(await run(main())); // → [3,4]
 * ```
 */
export function observe<T>(obs: Observable<T>, opts?: ObserveOptions): AioIterator<T> {
  if (!isObservable(obs)) {
    throw new TypeError(`observe(): obs must be an RxJS Observable, got ${describe(obs)}`);
  }
  const bufferSize = opts?.bufferSize ?? DEFAULT_BUFFER_SIZE;
  if (
    typeof bufferSize !== 'number' ||
    !(Number.isInteger(bufferSize) || bufferSize === Number.POSITIVE_INFINITY) ||
    bufferSize < 1
  ) {
    throw new RangeError(
      `observe(): bufferSize must be a positive integer or Infinity, got ${describe(bufferSize)}`,
    );
  }
  const overflow = opts?.overflow ?? 'error';
  if (!POLICIES.includes(overflow)) {
    throw new RangeError(
      `observe(): overflow must be 'error', 'dropNewest' or 'dropOldest', got ${describe(overflow)}`,
    );
  }
  return new ObservableReader(obs, bufferSize, overflow);
}

// idle → open → (completed | errored) → closed; closed only once the consumer knows.
type ReaderState = 'idle' | 'open' | 'completed' | 'errored' | 'closed';

class ObservableReader<T> implements AioIterator<T> {
  readonly #source: Observable<T>;
  readonly #capacity: number;
  readonly #overflow: OverflowPolicy;
  readonly #buffer = new RingBuffer<T>();
  readonly #owner = new OwnerWatch(() => this.#close());
  #state: ReaderState = 'idle';
  #error: unknown = undefined;
  #subscription: Subscription | null = null;
  #waiter: Future<void> | null = null;

  constructor(source: Observable<T>, capacity: number, overflow: OverflowPolicy) {
    this.#source = source;
    this.#capacity = capacity;
    this.#overflow = overflow;
  }

  *next(): Coro<IteratorResult<T, undefined>> {
    if (this.#state === 'closed') return DONE;
    if (this.#waiter !== null) {
      throw new Error('observe(): next() was called while another next() is still waiting');
    }
    this.#owner.adopt();
    if (this.#state === 'idle') this.#subscribe();
    for (;;) {
      if (this.#buffer.length > 0) return { done: false, value: this.#buffer.shift() };
      const state = this.#state as ReaderState;
      if (state === 'completed' || state === 'closed') {
        this.#close();
        return DONE;
      }
      if (state === 'errored') {
        const error = this.#error;
        this.#close();
        throw error;
      }
      const loop = runningLoop() as EventLoop;
      const waiter = loop.createFuture<void>();
      this.#waiter = waiter;
      try {
        yield* waiter;
      } catch (e) {
        if (waiter.cancelled()) this.#close(); // the consumer was cancelled
        throw e;
      } finally {
        this.#waiter = null;
      }
    }
  }

  *return(): Coro<IteratorResult<T, undefined>> {
    this.#close();
    return DONE;
  }

  #subscribe(): void {
    this.#state = 'open';
    const subscription = subscribeSafely(this.#source, {
      next: (value, stop) => this.#push(value, stop),
      error: (err) => {
        if (this.#state !== 'open') return;
        this.#state = 'errored';
        this.#error = err;
        this.#wake();
      },
      complete: () => {
        if (this.#state !== 'open') return;
        this.#state = 'completed';
        this.#wake();
      },
    });
    // A source that finished (or overflowed) inside subscribe() is closed already.
    if (!subscription.closed) this.#subscription = subscription;
  }

  #push(value: T, stop: () => void): void {
    if (this.#state !== 'open') return;
    const buffer = this.#buffer;
    if (buffer.length >= this.#capacity) {
      switch (this.#overflow) {
        case 'dropNewest':
          return;
        case 'dropOldest':
          buffer.shift();
          break;
        default:
          stop();
          buffer.clear();
          this.#state = 'errored';
          this.#error = new QueueFull(
            `observe(): the buffer is full (${this.#capacity} values waiting) and overflow is ` +
              `'error': the consumer is slower than the observable; raise bufferSize or choose ` +
              `overflow 'dropOldest' or 'dropNewest'`,
          );
          this.#wake();
          return;
      }
    }
    buffer.push(value);
    this.#wake();
  }

  /** Wakes the waiting consumer (from the producer, inside or outside the loop). */
  #wake(): void {
    const waiter = this.#waiter;
    if (waiter !== null && !waiter.done() && !waiter.getLoop().isClosed()) waiter.setResult();
  }

  /** Unsubscribes, drops the buffer; next() reports done from now on. */
  #close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#owner.drop();
    this.#buffer.clear();
    this.#error = undefined;
    const subscription = this.#subscription;
    this.#subscription = null;
    subscription?.unsubscribe();
  }
}
