/**
 * toAsyncIterable: an aio Queue or AioIterator as a native AsyncIterable.
 *
 * @module
 */

import { type AioIterator, type EventLoop, Queue, type Task } from '@aio/core';
import { describe } from '../internal/describe';
import { runningLoop } from '../internal/loops';

/**
 * Options of {@link toAsyncIterable}.
 *
 * @example
 * ```ts
 * import { EventLoop } from '@aio/core';
 * import type { ToAsyncIterableOptions } from '@aio/interop';
 *
 * const opts: ToAsyncIterableOptions = { loop: new EventLoop() };
 * console.log(opts.loop?.isRunning()); // → false
 * ```
 */
export interface ToAsyncIterableOptions {
  /**
   * The loop that runs each step of an `AioIterator` (default: the loop running
   * when `toAsyncIterable` is called, or else the one running at the first step).
   */
  loop?: EventLoop;
}

/**
 * An aio `Queue` or `AioIterator` as a native `AsyncIterable`, for `for await` in
 * plain async code (outside the loop, while the loop runs).
 *
 * - A **Queue** is read with its own native async iterator: an item is taken at
 *   once when there is one, else a `get()` runs as a task on the queue's loop.
 *   The iteration ends when the queue is shut down and drained. Items are not
 *   marked done: call `queue.taskDone()` if a producer `join()`s.
 * - An **AioIterator** (`observe(…)`, `iterate(…)`, `queue.iter()`, your own):
 *   each `next()` runs the iterator's `next()` as a task on the loop and awaits it.
 *   Leaving the loop early (`break`, `return`, an exception) calls the iterator's
 *   `return()` the same way; a step still running is cancelled. Steps run one at
 *   a time, in call order.
 *
 * If the loop cancels a step (for example `run()` cancelling leftover tasks at
 * the end), `next()` rejects with the `CancelledError`.
 *
 * @throws TypeError if `source` is neither a Queue nor an AioIterator (`next` and
 * `return` functions); `next()` rejects with an Error if no loop is known.
 * @example
 * ```ts
 * import { EventLoop, Queue, sleep, type Coro } from '@aio/core';
 * import { toAsyncIterable } from '@aio/interop';
 *
 * const loop = new EventLoop();
 * const queue = new Queue<string>();
 * function* producer(): Coro<void> {
 *   for (const word of ['a', 'b', 'c']) {
 *     yield* queue.put(word);
 *     yield* sleep(1);
 *   }
 *   queue.shutdown();
 * }
 * const done = loop.runUntilComplete(producer());
 * const words: string[] = [];
 * for await (const word of toAsyncIterable(queue)) words.push(word);
 * await done;
 * loop.close();
 * console.log(words.join('')); // → abc
 * ```
 */
export function toAsyncIterable<T>(
  source: Queue<T> | AioIterator<T>,
  opts?: ToAsyncIterableOptions,
): AsyncIterable<T> {
  if (source instanceof Queue) {
    return { [Symbol.asyncIterator]: () => source[Symbol.asyncIterator]() };
  }
  if (
    source === null ||
    typeof source !== 'object' ||
    typeof (source as AioIterator<T>).next !== 'function' ||
    typeof (source as AioIterator<T>).return !== 'function'
  ) {
    throw new TypeError(
      `toAsyncIterable(): source must be an aio Queue or an AioIterator (next and return), got ${describe(source)}`,
    );
  }
  const loop = opts?.loop ?? runningLoop();
  let used = false;
  return {
    [Symbol.asyncIterator]: () => {
      if (used) {
        throw new TypeError('toAsyncIterable(): an AioIterator can be iterated only once');
      }
      used = true;
      return new AioIteratorAdapter(source, loop);
    },
  };
}

class AioIteratorAdapter<T> implements AsyncIterator<T, undefined> {
  readonly #it: AioIterator<T>;
  #loop: EventLoop | undefined;
  #step: Task<IteratorResult<T, undefined>> | null = null;
  #tail: Promise<unknown> = Promise.resolve();
  #finished = false;
  #stopping = false;

  constructor(it: AioIterator<T>, loop: EventLoop | undefined) {
    this.#it = it;
    this.#loop = loop;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    return this.#enqueue(async () => {
      // A step queued before return() was called is skipped.
      if (this.#finished || this.#stopping) return { done: true, value: undefined };
      const step = this.#getLoop().createTask(this.#it.next());
      this.#step = step;
      try {
        const r = await step;
        if (r.done) this.#finished = true;
        return r;
      } catch (e) {
        // A step cancelled by return() still owes the iterator its return() call.
        if (!this.#stopping) this.#finished = true;
        throw e;
      } finally {
        this.#step = null;
      }
    });
  }

  return(): Promise<IteratorResult<T, undefined>> {
    // A step still running is cancelled at once, not after it completes; steps
    // queued behind it are skipped.
    this.#stopping = true;
    this.#step?.cancel('toAsyncIterable(): the consumer stopped');
    return this.#enqueue(async () => {
      if (this.#finished) return { done: true, value: undefined };
      this.#finished = true;
      await this.#getLoop().createTask(this.#it.return());
      return { done: true, value: undefined };
    });
  }

  /** Runs `op` after the operations already queued (one at a time, in call order). */
  #enqueue<R>(op: () => Promise<R>): Promise<R> {
    const p = this.#tail.then(op);
    this.#tail = p.then(ignore, ignore);
    return p;
  }

  #getLoop(): EventLoop {
    const loop = this.#loop ?? runningLoop();
    if (loop === undefined) {
      throw new Error(
        'toAsyncIterable(): no event loop to run the iterator on: call toAsyncIterable from ' +
          'a coroutine, or pass { loop }',
      );
    }
    this.#loop = loop;
    return loop;
  }
}

function ignore(): void {}
