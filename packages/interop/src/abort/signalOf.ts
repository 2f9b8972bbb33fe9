/**
 * signalOf: an AbortSignal that follows a task's life.
 *
 * @module
 */

import { CancelledError, type Future, isFuture } from '@aio/core';
import { describe } from '../internal/describe';

// One signal per future: asking twice adds no second done-callback.
const signals = new WeakMap<Future<unknown>, AbortSignal>();

/**
 * An `AbortSignal` that aborts when `task` is done, so that native operations
 * started on its behalf (`fetch(url, { signal })`, `addEventListener(…, { signal })`,
 * a Node stream) stop with it:
 *
 * - the task is **cancelled**: the signal aborts with the task's `CancelledError`
 *   as its `reason` (so a `fetch` given the signal rejects with that error);
 * - the task **returns or fails**: the signal aborts too (the work it was for is
 *   over), with a `CancelledError` whose message says the task is done. The task's
 *   own exception is not used (reading it would mark it as retrieved and hide an
 *   unhandled failure).
 *
 * The signal aborts from a done-callback, so in the loop iteration after the task
 * completes. A task that is already done gets an already-aborted signal. Calling
 * `signalOf` again for the same task returns the same signal. Works for any aio
 * Future, not only tasks.
 *
 * @throws TypeError if `task` is not an aio Future or Task.
 * @example
 * ```ts
 * import { createTask, run, sleep, type Coro } from '@aio/core';
 * import { signalOf } from '@aio/interop';
 *
 * function* main(): Coro<void> {
 *   const task = createTask(sleep(1000));
 *   const signal = signalOf(task);
 *   signal.addEventListener('abort', () => console.log('aborted:', signal.reason.name));
 *   task.cancel();
 *   yield* sleep(0);
 *   yield* sleep(0);
 * }
 * await run(main()); // → aborted: CancelledError
 * ```
 */
export function signalOf(task: Future<unknown>): AbortSignal {
  if (!isFuture(task)) {
    throw new TypeError(`signalOf(): task must be an aio Task or Future, got ${describe(task)}`);
  }
  let signal = signals.get(task);
  if (signal !== undefined) return signal;
  const controller = new AbortController();
  signal = controller.signal;
  signals.set(task, signal);
  if (task.done()) controller.abort(reasonOf(task));
  else task.addDoneCallback((t) => controller.abort(reasonOf(t)));
  return signal;
}

/** The abort reason for a done future. */
function reasonOf(fut: Future<unknown>): unknown {
  if (fut.cancelled()) {
    try {
      fut.result();
    } catch (e) {
      return e;
    }
  }
  const getName = (fut as { getName?: () => string }).getName;
  const what = typeof getName === 'function' ? `task '${getName.call(fut)}'` : 'future';
  return new CancelledError(`signalOf(): the ${what} is done`);
}
