/**
 * Releasing a resource when the task that consumes it is cancelled.
 *
 * @module
 */

import type { Future, Task } from '@aio/core';
import { runningTask } from './loops';

/**
 * Follows the task that consumes an iterator (the one that called `next()` last)
 * and calls `release()` if that task is cancelled wherever it is suspended (not
 * only inside `next()`). `adopt()` at each `next()`, `drop()` once the iterator is
 * closed.
 *
 * @internal
 */
export class OwnerWatch {
  #owner: Task<unknown> | undefined = undefined;
  readonly #onDone: (t: Future<unknown>) => void;

  constructor(release: () => void) {
    this.#onDone = (t) => {
      if (t === this.#owner) this.#owner = undefined;
      if (t.cancelled()) release();
    };
  }

  /** Watches the running task (if any) instead of the previous one. */
  adopt(): void {
    const task = runningTask();
    if (task === this.#owner) return;
    this.drop();
    if (task !== undefined && !task.done()) {
      this.#owner = task;
      task.addDoneCallback(this.#onDone);
    }
  }

  /** Stops watching. */
  drop(): void {
    const owner = this.#owner;
    if (owner !== undefined) {
      this.#owner = undefined;
      owner.removeDoneCallback(this.#onDone);
    }
  }
}
