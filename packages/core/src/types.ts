/**
 * Public types shared by the modules of `@aio/core`.
 *
 * @module
 */

import type { Context } from './contextvars';
import type { EventLoop } from './eventLoop';
import type { Future } from './future';
import type { Handle } from './handles';
import type { Task } from './task';

/**
 * A coroutine: the generator object that a generator function returns.
 * `yield* coro` runs it inline in the current task and evaluates to `T`.
 *
 * @example
 * ```ts
 * function* sayAfter(delay: number, what: string): Coro<void> {
 *   yield* sleep(delay);
 *   console.log(what);
 * }
 * ```
 */
export type Coro<T> = Generator<Future<unknown> | undefined, T, unknown>;

/**
 * What `yield*` accepts: a future (or task) or a coroutine.
 *
 * @example
 * ```ts
 * function* twice(aw: Awaitable<number>): Coro<number> {
 *   return 2 * (yield* aw);
 * }
 * ```
 */
export type Awaitable<T> = Future<T> | Coro<T>;

/**
 * The result type of an awaitable (or of a native promise-like).
 *
 * @example
 * ```ts
 * type N = AwaitedOf<Task<number>>; // number
 * ```
 */
export type AwaitedOf<A> =
  A extends Future<infer T>
    ? T
    : A extends Generator<unknown, infer T, unknown>
      ? T
      : A extends PromiseLike<infer T>
        ? Awaited<T>
        : never;

/**
 * What the loop's exception handler receives.
 *
 * @example
 * ```ts
 * loop.setExceptionHandler((loop, ctx) => log(ctx.message, ctx.exception));
 * ```
 */
export interface ExceptionContext {
  /** What happened, in words. */
  message: string;
  /** The error, when there is one. */
  exception?: unknown;
  /** The future involved, when there is one. */
  future?: Future<unknown>;
  /** The task involved, when there is one. */
  task?: Task<unknown>;
  /** The callback handle involved, when there is one. */
  handle?: Handle;
  /** Anything else worth reporting. */
  [key: string]: unknown;
}

/**
 * A loop's exception handler: called with the loop and an {@link ExceptionContext}.
 *
 * @example
 * ```ts
 * const handler: ExceptionHandler = (loop, ctx) => console.warn(ctx.message);
 * ```
 */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/**
 * Options of `createTask`.
 *
 * @example
 * ```ts
 * createTask(fetchAll(), { name: 'fetch', eagerStart: true });
 * ```
 */
export interface TaskOptions {
  /** The task's name (default `Task-<n>`). */
  name?: string;
  /** The context the task runs in (default: a copy of the current one). */
  context?: Context;
  /** Run the first step synchronously, now, if the loop is running. */
  eagerStart?: boolean;
}

/**
 * A task factory: what `loop.createTask` calls instead of `new Task(...)` once set
 * with `loop.setTaskFactory(factory)`.
 *
 * @example
 * ```ts
 * loop.setTaskFactory((loop, coro, opts) => new Task(coro, { ...opts, loop }));
 * ```
 */
export type TaskFactory = <T>(loop: EventLoop, coro: Coro<T>, opts?: TaskOptions) => Task<T>;

/**
 * An iterator that a coroutine consumes: `const r = yield* it.next()`.
 * `return()` releases what the iterator holds (unsubscribes, closes the source).
 *
 * @example
 * ```ts
 * for (let r = yield* it.next(); !r.done; r = yield* it.next()) console.log(r.value);
 * ```
 */
export interface AioIterator<T> {
  /** The next item, or `{ done: true }` at the end. */
  next(): Coro<IteratorResult<T, undefined>>;
  /** Stops early and releases the source. */
  return(): Coro<IteratorResult<T, undefined>>;
}
