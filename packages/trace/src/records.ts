/**
 * What `@aio/trace` knows about each future and task: its id, and for tasks a tracker
 * saw created, a record (core keeps no per-task parent, creation time or step count, to
 * stay small; the tracker instrument fills them in). Every tool of the package reads ids from here,
 * so a task has the same number in a call graph, a `ps` table, a Perfetto track and a
 * watchdog report.
 *
 * Ids count per loop from 1, in the order the package first sees each object: the
 * order of creation for tasks created while a tracker or recorder is installed.
 *
 * @module
 */

import { allTasks, type EventLoop, type Future, isFuture, type Task } from '@aio/core';
import { show } from './show';

/**
 * A task as other rows and reports name it: its id and name.
 *
 * @example
 * ```ts
 * import type { TaskRef } from '@aio/trace';
 *
 * const parent: TaskRef = { id: 1, name: 'main' };
 * console.log(`${parent.name} #${parent.id}`); // → main #1
 * ```
 */
export interface TaskRef {
  /** The task's id in `@aio/trace` (see {@link futureId}). */
  readonly id: number;
  /** Its name when it was recorded. */
  readonly name: string;
}

/** @internal What the package records about one future or task. */
export interface FutureRecord {
  readonly id: number;
  /** Whether the task was seen created (the fields below are known). */
  tracked: boolean;
  /** The creating task's id; `0`: created outside any task; `-1`: unknown. */
  parentId: number;
  /** The creating task's name when it created this one. */
  parentName: string;
  /** Loop time at creation (`undefined`: unknown). */
  createdAt: number | undefined;
  /** Steps run since creation (meaningful when `tracked`). */
  steps: number;
  /** Where the task was created (debug mode only). */
  createdWhere: string | undefined;
}

/**
 * Where a future's id (a number), or once a tool needs more about it its record, is
 * kept: a symbol-keyed property of the future itself. A `WeakMap` would leave core's
 * objects untouched, but its inserts cost ten times more and weigh on every garbage
 * collection: at 100 000 tasks that alone made the recorder miss its budget (W9). A
 * symbol-keyed property is invisible to `JSON.stringify`, `for…in` and `Object.keys`; a
 * future that cannot take it (frozen, sealed) falls back to the `WeakMap`.
 */
const SLOT: unique symbol = Symbol('@aio/trace id');
type Slot = number | FutureRecord;
const fallback = new WeakMap<object, Slot>();
const nextIds = new WeakMap<object, number>();

function nextId(loop: EventLoop): number {
  const id = (nextIds.get(loop) ?? 0) + 1;
  nextIds.set(loop, id);
  return id;
}

function slotOf(fut: Future<unknown>): Slot | undefined {
  const v = (fut as unknown as { [SLOT]?: Slot })[SLOT];
  return v !== undefined ? v : fallback.get(fut);
}

function setSlot(fut: Future<unknown>, v: Slot): void {
  if (Object.isExtensible(fut) || Object.hasOwn(fut, SLOT)) {
    (fut as unknown as { [SLOT]: Slot })[SLOT] = v;
  } else fallback.set(fut, v);
}

/** @internal The id of `fut`, given (the next of its loop) on first use. */
export function idOf(fut: Future<unknown>): number {
  const r = slotOf(fut);
  if (r === undefined) {
    const id = nextId(fut.getLoop());
    setSlot(fut, id);
    return id;
  }
  return typeof r === 'number' ? r : r.id;
}

/** @internal The record of `fut`, made (with the next id of its loop) on first use. */
export function recordOf(fut: Future<unknown>): FutureRecord {
  const r = slotOf(fut);
  if (r !== undefined && typeof r !== 'number') return r;
  const rec: FutureRecord = {
    id: r ?? nextId(fut.getLoop()),
    tracked: false,
    parentId: -1,
    parentName: '',
    createdAt: undefined,
    steps: 0,
    createdWhere: undefined,
  };
  setSlot(fut, rec);
  return rec;
}

/**
 * @internal Gives the pending tasks of `loop` their ids now, in creation order (when a
 * tool starts watching a loop, so that ids follow creation).
 */
export function numberTasks(loop: EventLoop): void {
  for (const task of allTasks(loop)) idOf(task);
}

/** @internal The record of `fut` if it has one (never makes one). */
export function peekRecord(fut: Future<unknown>): FutureRecord | undefined {
  const r = slotOf(fut);
  return typeof r === 'number' ? undefined : r;
}

/** @internal A reference to `task` for rows and reports. */
export function refOf(task: Task<unknown>): TaskRef {
  return { id: idOf(task), name: task.getName() };
}

/**
 * The number `@aio/trace` shows for a task or future (`id=3` in a call graph, the `id`
 * column of `formatTasks`, the track of a timeline). Ids count from 1 per loop, in the
 * order the package first sees each object: creation order for tasks created while a
 * tracker ({@link trackTasks}), recorder or watchdog is installed.
 *
 * @throws TypeError if `fut` is not an aio Future.
 * @example
 * ```ts
 * import { createTask, run, sleep } from '@aio/core';
 * import { futureId, trackTasks } from '@aio/trace';
 *
 * await run(
 *   (function* () {
 *     const a = createTask(sleep(1), { name: 'a' });
 *     const b = createTask(sleep(1), { name: 'b' });
 *     console.log(futureId(a), futureId(b)); // → 2 3
 *     yield* a;
 *     yield* b;
 *   })(),
 *   { instruments: [trackTasks()] },
 * );
 * ```
 */
export function futureId(fut: Future<unknown>): number {
  if (!isFuture(fut)) {
    throw new TypeError(`futureId(): an aio Future or Task was expected, got ${show(fut)}`);
  }
  return idOf(fut);
}

/**
 * @internal A per-task value a tool keeps (the OpenTelemetry span of a task), in a
 * symbol-keyed property of the task like the ids (see {@link idOf} for why), or a
 * `WeakMap` for a task that cannot take one.
 */
export class TaskSlot<V> {
  readonly #key: symbol;
  readonly #fallback = new WeakMap<object, V>();

  constructor(description: string) {
    this.#key = Symbol(description);
  }

  get(task: object): V | undefined {
    const v = (task as Record<symbol, V | undefined>)[this.#key];
    return v !== undefined ? v : this.#fallback.get(task);
  }

  set(task: object, v: V | undefined): void {
    if (Object.isExtensible(task) || Object.hasOwn(task, this.#key)) {
      (task as Record<symbol, V | undefined>)[this.#key] = v;
    } else if (v === undefined) this.#fallback.delete(task);
    else this.#fallback.set(task, v);
  }
}
