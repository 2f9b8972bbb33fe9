/**
 * The loop's ready queue, mirrored for the recorder: `taskScheduled` fires exactly when a
 * task joins the queue, and the loop steps tasks in that order, so `beforeTaskStep` finds
 * its task's id at the front without looking it up. A task that joined before recording
 * started misses (`-1`) and is looked up; the mirror stays aligned, since only a match
 * takes the front.
 *
 * It holds the queued tasks, which the loop holds anyway until they step.
 *
 * @internal
 * @module
 */

import type { Task } from '@aio/core';

/** @internal See the module comment. */
export class ReadyMirror {
  #tasks: Array<Task<unknown> | null> = [];
  #ids: number[] = [];
  #head = 0;

  /** `task` (whose id is `id`) joined the ready queue. */
  push(task: Task<unknown>, id: number): void {
    this.#tasks.push(task);
    this.#ids.push(id);
  }

  /** The id of `task` if it is at the front (and takes it off), else `-1`. */
  take(task: Task<unknown>): number {
    const head = this.#head;
    const tasks = this.#tasks;
    if (head >= tasks.length || tasks[head] !== task) return -1;
    const id = this.#ids[head] as number;
    tasks[head] = null;
    if (head + 1 === tasks.length) {
      tasks.length = 0;
      this.#ids.length = 0;
      this.#head = 0;
    } else if (head > 4096 && head * 2 > tasks.length) {
      tasks.splice(0, head + 1);
      this.#ids.splice(0, head + 1);
      this.#head = 0;
    } else this.#head = head + 1;
    return id;
  }

  /** Forgets everything. */
  clear(): void {
    this.#tasks = [];
    this.#ids = [];
    this.#head = 0;
  }
}
