/**
 * taskGroup: structured concurrency, as asyncio's `async with TaskGroup() as tg`.
 *
 * The group waits for all its tasks. The first failure cancels the other tasks
 * and the body, and the group throws a {@link TaskGroupError} holding every
 * failure. Behaviour follows CPython 3.15's `taskgroups.py` (3.13's plus
 * `tg.cancel()` and the later fixes for eager tasks and outside cancellations).
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import type { LoopInternals } from './events';
import { CancelledError, TaskGroupError } from './exceptions';
import { isGeneratorObject, repr } from './format';
import { CoreFuture, FAILED, type Future, type WaitParts } from './future';
import { runningLoop } from './runningLoop';
import type { Task } from './task';
import type * as api from './types';
import type { Coro, TaskOptions } from './types';
import { checkBody, checkBodyResult } from './validate';

/**
 * The handle a `taskGroup` body gets: create tasks in the group, or cancel it.
 *
 * @example
 * ```ts
 * yield* taskGroup(function* (tg) {
 *   tg.createTask(worker('a'));
 *   tg.createTask(worker('b'));
 * }); // both are done here
 * ```
 */
export class TaskGroup {
  /** @internal */ _entered = false;
  /** @internal */ _exiting = false;
  /** @internal */ _aborting = false;
  /** @internal */ _loop: LoopInternals | null = null;
  /** @internal */ _parentTask: Task<unknown> | null = null;
  /** @internal */ _parentCancelRequested = false;
  /** @internal */ _tasks = new Set<Task<unknown>>();
  /** @internal */ _errors: unknown[] = [];
  /** @internal */ _onCompletedFut: Future<boolean> | null = null;
  /** @internal */ _cancelOnEnter = false;

  /**
   * Creates a task in the group. The group waits for it; if it fails, the group
   * cancels everything else and fails.
   *
   * @throws Error if the group is not entered, is finished, or is shutting
   * down; TypeError if `coro` is not a coroutine.
   * @example
   * ```ts
   * const t = tg.createTask(fetchUser(1), { name: 'user-1' });
   * ```
   */
  createTask<T>(coro: Coro<T>, opts?: TaskOptions): api.Task<T> {
    if (!isGeneratorObject(coro)) {
      throw new TypeError(`TaskGroup.createTask(): a coroutine was expected, got ${repr(coro)}`);
    }
    if (!this._entered) {
      coro.return(undefined as T);
      throw new Error(`TaskGroup ${this.toString()} has not been entered`);
    }
    if (this._exiting && this._tasks.size === 0) {
      coro.return(undefined as T);
      throw new Error(`TaskGroup ${this.toString()} is finished`);
    }
    if (this._aborting) {
      coro.return(undefined as T);
      throw new Error(`TaskGroup ${this.toString()} is shutting down`);
    }
    const task = (this._loop as LoopInternals).createTask(coro, opts) as Task<T>;
    // Always add the done callback, even if the task finished eagerly, so that a
    // failure does not cancel the parent too early (gh-128550).
    this._tasks.add(task as Task<unknown>);
    task.addDoneCallback(this.#onTaskDone);
    // An eager task can cancel the group before joining it (gh-155418).
    if (this._aborting && !task.done()) task.cancel();
    return task;
  }

  /**
   * Cancels the group: every task not done yet, and the body. The group then
   * exits without an error (the body evaluates to `undefined` if it did not
   * finish). Before entry, the group is cancelled on entry; after exit, nothing
   * happens. From CPython 3.15.
   *
   * @example
   * ```ts
   * yield* taskGroup(function* (tg) {
   *   tg.createTask(server());
   *   yield* shutdownRequested.wait();
   *   tg.cancel();
   * });
   * ```
   */
  cancel(): void {
    if (!this._entered) {
      this._cancelOnEnter = true;
      return;
    }
    if (this._exiting && this._tasks.size === 0) return;
    if (!this._aborting) {
      this._abort();
      if (this._parentTask !== null && !this._parentCancelRequested) {
        this._parentCancelRequested = true;
        this._parentTask.cancel();
      }
    }
  }

  /** `<TaskGroup tasks=2 entered>` */
  toString(): string {
    let info = '';
    if (this._tasks.size > 0) info += ` tasks=${this._tasks.size}`;
    if (this._errors.length > 0) info += ` errors=${this._errors.length}`;
    if (this._aborting) info += ' cancelling';
    else if (this._entered) info += ' entered';
    return `<TaskGroup${info}>`;
  }

  /** @internal */
  _enter(): void {
    if (this._entered) throw new Error(`TaskGroup ${this.toString()} has already been entered`);
    this._loop ??= runningLoop();
    const parent = this._loop._currentTask as Task<unknown> | null;
    if (parent === null) {
      throw new Error(`TaskGroup ${this.toString()} cannot determine the parent task`);
    }
    this._parentTask = parent;
    // The owner awaits every task of the group (getAwaitedBy reads it).
    (this.#onTaskDone as { _awaiter?: api.Future<unknown> })._awaiter = parent;
    this._entered = true;
    if (this._cancelOnEnter) this.cancel();
  }

  /**
   * @internal The exit protocol. Returns normally when the body's outcome stands
   * (or is suppressed, after `cancel()`); throws what must be thrown instead.
   */
  *_exit(failed: boolean, exc: unknown): Coro<void> {
    this._exiting = true;
    const bodyCancelled = failed && exc instanceof CancelledError;
    let propagate: unknown = bodyCancelled ? exc : null;
    if (failed && !this._aborting) this._abort();
    let pendingCancellation: unknown = null;
    while (this._tasks.size > 0) {
      this._onCompletedFut ??= new GroupFuture((this._loop as LoopInternals)._opts, this);
      try {
        yield* this._onCompletedFut;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        pendingCancellation = e;
        if (!this._aborting) {
          // The parent is being cancelled from outside while tasks still run.
          propagate = e;
          this._abort();
        }
      }
      this._onCompletedFut = null;
    }
    const parent = this._parentTask as Task<unknown>;
    if (this._parentCancelRequested) {
      // This flag means we must call uncancel().
      if (parent.uncancel() === 0) propagate = null;
      else if (propagate === null) propagate = pendingCancellation; // not ours (gh-155433)
    }
    if (propagate !== null && this._errors.length === 0) throw propagate;
    if (failed && !bodyCancelled) this._errors.push(exc);
    if (this._errors.length > 0) {
      // Keep the cancel count of a parent cancelled from outside stable.
      if (parent.cancelling() > 0) {
        parent.uncancel();
        parent.cancel();
      }
      const errors = this._errors;
      this._errors = [];
      throw new TaskGroupError(errors);
    }
    // Anything left (the group's own cancellation) is suppressed.
  }

  /** @internal */
  _abort(): void {
    this._aborting = true;
    for (const t of this._tasks) if (!t.done()) t.cancel();
  }

  readonly #onTaskDone = (task: api.Future<unknown>): void => {
    const t = task as Task<unknown>;
    this._tasks.delete(t);
    const fut = this._onCompletedFut;
    if (fut !== null && this._tasks.size === 0 && !fut.done()) fut.setResult(true);
    if (t._state !== FAILED) return;
    const exc = t.exception();
    this._errors.push(exc);
    const parent = this._parentTask as Task<unknown>;
    if (parent.done()) {
      (this._loop as LoopInternals).callExceptionHandler({
        message: `Task ${t.toString()} has errored out but its parent task ${parent.toString()} is already completed`,
        exception: exc,
        task: t,
      });
      return;
    }
    if (!this._aborting && !this._parentCancelRequested) {
      // Cancel the body (the parent) to abort what it is doing; __exit__ will
      // uncancel it.
      this._abort();
      this._parentCancelRequested = true;
      parent.cancel();
    }
  };
}

/** The future a task group's owner waits on at exit, until every task of the group is done. */
class GroupFuture extends CoreFuture<boolean> {
  constructor(
    opts: { loop: api.EventLoop },
    /** @internal */ readonly _group: TaskGroup,
  ) {
    super(opts);
  }

  /** @internal `task group waiting for 2 tasks`. */
  override _describeWait(): WaitParts {
    const blockers = [...this._group._tasks].filter((t) => !t.done());
    const n = blockers.length;
    return {
      kind: 'task-group',
      text: `task group waiting for ${n} task${n === 1 ? '' : 's'}`,
      blockers,
    };
  }
}

/**
 * Runs `body` with a fresh {@link TaskGroup} and waits for every task created in
 * it. If any task fails, the others and the body are cancelled and a
 * {@link TaskGroupError} with every failure is thrown. A cancellation of the
 * enclosing task cancels the group's tasks and propagates.
 *
 * @throws TaskGroupError when tasks (or the body) fail; CancelledError when
 * cancelled from outside; Error outside a task.
 * @example
 * ```ts
 * const [ta, tb] = yield* taskGroup(function* (tg) {
 *   return [tg.createTask(fetchA()), tg.createTask(fetchB())] as const;
 * });
 * console.log(ta.result(), tb.result()); // both are done here
 * ```
 */
export function taskGroup<T>(body: (tg: TaskGroup) => Coro<T>): Coro<T> {
  return libraryCoro(taskGroupGen(body), 'taskGroup()');
}

function* taskGroupGen<T>(body: (tg: TaskGroup) => Coro<T>): Coro<T> {
  checkBody(body, 'taskGroup', '(tg) => Coro');
  const tg = new TaskGroup();
  tg._enter();
  let result: T | undefined;
  let failed = false;
  let error: unknown;
  try {
    result = yield* checkBodyResult(body(tg), 'taskGroup');
  } catch (e) {
    failed = true;
    error = e;
  }
  yield* tg._exit(failed, error);
  return result as T;
}
