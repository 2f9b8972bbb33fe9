/**
 * cancelOnAbort: an AbortSignal that cancels a task.
 *
 * @module
 */

import { type Future, isFuture } from '@aio/core';
import { describe } from '../internal/describe';

/**
 * Cancels `task` when `signal` aborts, with the signal's reason as the cancel
 * message (a string reason as it is, an error's `message`, anything else through
 * `String()`). A signal that is already aborted cancels the task at once.
 *
 * Returns a function that detaches: after it is called, aborting the signal does
 * nothing. The listener is also removed by itself when the task is done (one loop
 * iteration later), so a long-lived signal does not collect listeners of finished
 * tasks. Works for any aio Future, not only tasks.
 *
 * @throws TypeError if `task` is not an aio Future or Task, or `signal` is not an
 * `AbortSignal`-like object (`aborted`, `reason`, `addEventListener`, `removeEventListener`).
 * @example
 * ```ts
 * import { createTask, isCancelledError, run, sleep, type Coro } from '@aio/core';
 * import { cancelOnAbort } from '@aio/interop';
 *
 * function* main(): Coro<void> {
 *   const controller = new AbortController();
 *   const task = createTask(sleep(60_000));
 *   cancelOnAbort(task, controller.signal);
 *   controller.abort('user pressed stop');
 *   try {
 *     yield* task;
 *   } catch (e) {
 *     if (isCancelledError(e)) console.log('cancelled:', e.message);
 *   }
 * }
 * await run(main()); // → cancelled: user pressed stop
 * ```
 */
export function cancelOnAbort(task: Future<unknown>, signal: AbortSignal): () => void {
  if (!isFuture(task)) {
    throw new TypeError(
      `cancelOnAbort(): task must be an aio Task or Future, got ${describe(task)}`,
    );
  }
  if (!isAbortSignal(signal)) {
    throw new TypeError(`cancelOnAbort(): signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (task.done()) return noop;
  if (signal.aborted) {
    task.cancel(messageOf(signal.reason));
    return noop;
  }
  let attached = true;
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    signal.removeEventListener('abort', onAbort);
    task.removeDoneCallback(onDone);
  };
  const onAbort = (): void => {
    detach();
    // A closed loop cannot run the task's callbacks any more: nothing to cancel.
    if (!task.done() && !task.getLoop().isClosed()) task.cancel(messageOf(signal.reason));
  };
  const onDone = (): void => {
    detach();
  };
  signal.addEventListener('abort', onAbort);
  task.addDoneCallback(onDone);
  return detach;
}

function noop(): void {}

function isAbortSignal(x: unknown): x is AbortSignal {
  return (
    x !== null &&
    typeof x === 'object' &&
    typeof (x as AbortSignal).aborted === 'boolean' &&
    typeof (x as AbortSignal).addEventListener === 'function' &&
    typeof (x as AbortSignal).removeEventListener === 'function'
  );
}

/** The cancel message for an abort reason. */
function messageOf(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason !== null && typeof reason === 'object') {
    const message = (reason as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(reason);
}
