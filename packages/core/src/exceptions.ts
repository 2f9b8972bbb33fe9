/**
 * Every error class of `@aio/core`, in one place. Each is `instanceof Error`, has
 * its own `name`, and accepts the standard `{ cause }` option.
 *
 * @module
 */

import type { Task } from './types';

/**
 * The operation was cancelled. Thrown into a coroutine at the `yield*` where it
 * was suspended when its task is cancelled, and by `result()` of a cancelled
 * future.
 *
 * JavaScript cannot make an error uncatchable: code that catches everything
 * should re-throw cancellations, testing them with {@link isCancelledError}.
 *
 * @example
 * ```ts
 * try {
 *   yield* sleep(1000);
 * } catch (e) {
 *   if (isCancelledError(e)) throw e; // let cancellation through
 *   console.error(e);
 * }
 * ```
 */
export class CancelledError extends Error {
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message ?? '', options);
  }
}
CancelledError.prototype.name = 'CancelledError';

/**
 * An operation was attempted on a future in the wrong state: `result()` of a
 * pending future, `setResult()` on a done one.
 *
 * @example
 * ```ts
 * const fut = loop.createFuture<number>();
 * fut.result(); // throws InvalidStateError('Result is not ready.')
 * ```
 */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/**
 * A deadline passed: thrown by `waitFor`, `timeout` and `timeoutAt`.
 *
 * @example
 * ```ts
 * try {
 *   yield* waitFor(sleep(1000), 10);
 * } catch (e) {
 *   if (e instanceof TimeoutError) console.log('too slow');
 * }
 * ```
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * `Queue.getNowait()` on an empty queue.
 *
 * @example
 * ```ts
 * new Queue<number>().getNowait(); // throws QueueEmpty
 * ```
 */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}

/**
 * `Queue.putNowait()` on a full queue.
 *
 * @example
 * ```ts
 * const q = new Queue<number>(1);
 * q.putNowait(1);
 * q.putNowait(2); // throws QueueFull
 * ```
 */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/**
 * A `put` or `get` on a queue that was shut down (and, for `get`, drained).
 *
 * @example
 * ```ts
 * q.shutdown();
 * yield* q.put(1); // throws QueueShutDown
 * ```
 */
export class QueueShutDown extends Error {
  override name = 'QueueShutDown';
}

/**
 * A `Barrier` was aborted or reset while a task waited on it.
 *
 * @example
 * ```ts
 * barrier.abort(); // waiters throw BrokenBarrierError
 * ```
 */
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
}

/**
 * The failures of a `taskGroup`: every error that its tasks (and its body)
 * raised, in the order they happened, in `errors`. The message is
 * asyncio's: `unhandled errors in a TaskGroup (2 sub-exceptions)`.
 *
 * @example
 * ```ts
 * try {
 *   yield* taskGroup(function* (tg) {
 *     tg.createTask(failSoon());
 *   });
 * } catch (e) {
 *   if (e instanceof TaskGroupError) console.log(e.errors.length);
 * }
 * ```
 */
export class TaskGroupError extends AggregateError {
  constructor(errors: Iterable<unknown>, message = 'unhandled errors in a TaskGroup') {
    const list = Array.from(errors);
    const n = list.length;
    super(list, `${message} (${n} sub-exception${n === 1 ? '' : 's'})`);
  }
  override name = 'TaskGroupError';
}

/**
 * A program that can never finish: every task waits, and nothing can wake any of them
 * (no callback is ready, no timer is scheduled, and the host has no work left, so no
 * native promise can settle either). `run()` rejects with it instead of letting the
 * process exit silently. Its message lists every pending task with what it waits on,
 * and every wait cycle (`cycle: a → b → a`); `tasks` holds the pending tasks.
 *
 * @example
 * ```ts
 * try {
 *   await run(main()); // main awaits a future nothing will ever set
 * } catch (e) {
 *   if (e instanceof DeadlockError) console.error(e.message, e.tasks.length);
 * }
 * ```
 */
export class DeadlockError extends Error {
  /** The tasks that were still pending, oldest first. */
  readonly tasks: readonly Task<unknown>[];
  constructor(message: string, tasks: readonly Task<unknown>[]) {
    super(message);
    this.tasks = tasks;
  }
}
DeadlockError.prototype.name = 'DeadlockError';

/**
 * The program was interrupted (Ctrl-C, `SIGINT`): `run()` cancelled the main task, let
 * every task's `finally` run, and rejects with this error (unless the main task
 * swallowed the cancellation), as CPython's `asyncio.Runner` raises
 * `KeyboardInterrupt`.
 *
 * @example
 * ```ts
 * try {
 *   await run(server());
 * } catch (e) {
 *   if (e instanceof KeyboardInterrupt) process.exitCode = 130;
 *   else throw e;
 * }
 * ```
 */
export class KeyboardInterrupt extends Error {}
KeyboardInterrupt.prototype.name = 'KeyboardInterrupt';

/**
 * Tells whether `e` is a cancellation (a {@link CancelledError}).
 *
 * @example
 * ```ts
 * catch (e) { if (isCancelledError(e)) throw e; }
 * ```
 */
export function isCancelledError(e: unknown): e is CancelledError {
  return e instanceof CancelledError;
}

/**
 * A CancelledError made without running the Error constructor: same prototype,
 * so `instanceof CancelledError` and `instanceof Error` hold, `name` and
 * `message` read as usual, and `stack` (from the prototype getter below) is
 * `CancelledError: <message>`. Constructing a real Error costs about a
 * microsecond even without capturing frames; this costs an object.
 */
const StacklessCancelledError = function (this: { message: string }, message: string) {
  this.message = message;
} as unknown as new (
  message: string,
) => CancelledError;
StacklessCancelledError.prototype = CancelledError.prototype;

Object.defineProperty(CancelledError.prototype, 'stack', {
  configurable: true,
  get(this: Error): string {
    return `${this.name}: ${this.message}\n    (created without a stack trace; run the loop in debug mode to capture one)`;
  },
  set(this: Error, value: unknown) {
    Object.defineProperty(this, 'stack', { value, writable: true, configurable: true });
  },
});

/**
 * Builds the CancelledError a cancelled task or future raises, without a stack
 * trace unless `withStack` (debug mode): cancelling 100 000 tasks must not
 * construct 100 000 stack traces.
 *
 * @internal
 */
export function makeCancelledError(
  message: string | undefined,
  withStack: boolean,
): CancelledError {
  if (withStack) return new CancelledError(message);
  return new StacklessCancelledError(message ?? '');
}
