/**
 * The tracker: an instrument that records, for each task created while it is installed,
 * its creator, its creation time in loop time, its number of steps and, in debug mode,
 * where it was created. Core keeps none of that (each field would cost every task
 * memory); the task dumps, call graphs and the watchdog read it from here.
 *
 * One tracker serves a loop: `trackTasks(loop)` installs it on first use, and every tool
 * of the package that reports on tasks calls it, so the first dump of a loop installs
 * the tracker and later dumps know more. Tasks created before that are shown with `?`
 * for what is unknown. To know everything from the start, pass one to `run()`:
 * `run(main(), { instruments: [trackTasks()] })`.
 *
 * @module
 */

import { type EventLoop, getRunningLoop, type Instrument, type Task } from '@aio/core';
import { idOf, numberTasks, peekRecord, recordOf } from './records';
import { show } from './show';

/** The tracker of each loop (the first one to see it). */
const trackers = new WeakMap<EventLoop, Tracker>();

/** Files of aio's own code (its tests excepted) in a creation stack. */
const AIO_FILE =
  /[/\\](?:packages[/\\](?:core|trace)[/\\](?:src|dist)|@aio[/\\](?:core|trace)[/\\]dist)[/\\][^:]*?(?<!\.test|\.testutil)\.[cm]?[jt]s:/;

/** Whether a stack frame is the user's: a file of theirs (not aio's, not the engine's). */
function isUserFrame(frame: string): boolean {
  if (!/:\d+(?::\d+)?\)?$/.test(frame)) return false; // `(native)`, `(<anonymous>)`
  if (/node:internal|\(node:/.test(frame)) return false;
  return !AIO_FILE.test(frame);
}

/**
 * Where the task being created was created: the first stack frame outside aio's own
 * code (the user's `createTask` call), as the engine prints it.
 *
 * @internal
 */
export function creationSite(): string | undefined {
  const E = Error as { stackTraceLimit?: number };
  const limit = E.stackTraceLimit;
  // V8 keeps 10 frames by default; the user's frame can be deeper than aio's own.
  if (typeof limit === 'number') E.stackTraceLimit = Math.max(limit, 40);
  const stack = new Error().stack ?? '';
  if (typeof limit === 'number') E.stackTraceLimit = limit;
  const frames = stack
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at ') || l.includes('@'));
  return frames.find(isUserFrame)?.replace(/^at /, '');
}

/** @internal The tracker instrument (see the module comment). */
export class Tracker implements Instrument {
  readonly name = '@aio/trace tracker';
  /** The loop this tracker serves (fast path); others are checked in `trackers`. */
  #loop: EventLoop | undefined = undefined;

  /** Whether this tracker records for `loop` (the first tracker a loop sees does). */
  #owns(loop: EventLoop): boolean {
    if (loop === this.#loop) return true;
    const owner = trackers.get(loop);
    if (owner === undefined) {
      trackers.set(loop, this);
      this.#loop ??= loop;
      return true;
    }
    return owner === this;
  }

  beforeRun(loop: EventLoop): void {
    this.#owns(loop);
  }

  taskCreated(task: Task<unknown>, parent: Task<unknown> | undefined): void {
    const loop = task.getLoop();
    if (!this.#owns(loop)) return;
    const rec = recordOf(task);
    rec.tracked = true;
    if (parent === undefined) rec.parentId = 0;
    else {
      rec.parentId = idOf(parent);
      rec.parentName = parent.getName();
    }
    rec.createdAt = loop.time();
    if (loop.getDebug()) rec.createdWhere = creationSite();
  }

  beforeTaskStep(task: Task<unknown>): void {
    const loop = task.getLoop();
    if (loop !== this.#loop && !this.#owns(loop)) return;
    const rec = peekRecord(task);
    if (rec?.tracked) rec.steps++;
  }
}

/**
 * @internal The loop's tracker, installed now if it has none. The tasks already there
 * are numbered first, in creation order, so that ids follow creation wherever the
 * tracker starts.
 */
export function trackerOf(loop: EventLoop): Tracker {
  let t = trackers.get(loop);
  if (t === undefined) {
    t = new Tracker();
    trackers.set(loop, t);
    numberTasks(loop);
    loop.addInstrument(t);
  }
  return t;
}

/**
 * The task tracker: an instrument that records each task's creator, creation time (loop
 * time), step count and, in debug mode, creation site, for {@link dumpTasks},
 * {@link captureCallGraph} and {@link watchTasks}. Core keeps none of these.
 *
 * - `trackTasks(loop)` returns the tracker of `loop`, installing it if needed; so does
 *   `trackTasks()` inside a running loop. Every tool of this package that reports on
 *   tasks does this itself on first use: what happened before is unknown (`?`).
 * - `trackTasks()` outside any loop returns a new tracker to pass to `run()`, so that
 *   every task is known from the first: `run(main(), { instruments: [trackTasks()] })`.
 *
 * A loop has one tracker (the first one it sees); another one added to it does nothing.
 *
 * @throws TypeError if `loop` is given and is not an event loop.
 * @example
 * ```ts
 * import { createTask, currentTask, run, sleep } from '@aio/core';
 * import { dumpTasks, trackTasks } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * function* main() {
 *   currentTask()?.setName('main');
 *   yield* sleep(5);
 *   createTask(sleep(100), { name: 'nap' });
 *   yield* sleep(10);
 *   const nap = dumpTasks().find((t) => t.name === 'nap');
 *   console.log(nap?.parent?.name, nap?.createdAt, nap?.steps); // → main 5 1
 * }
 * await run(main(), { instruments: [trackTasks()], clock: new VirtualClock() });
 * ```
 */
export function trackTasks(loop?: EventLoop): Instrument {
  if (loop !== undefined) {
    if (loop === null || typeof loop !== 'object' || typeof loop.addInstrument !== 'function') {
      throw new TypeError(`trackTasks(): an EventLoop was expected, got ${show(loop)}`);
    }
    return trackerOf(loop);
  }
  let running: EventLoop | undefined;
  try {
    running = getRunningLoop();
  } catch {
    running = undefined;
  }
  return running === undefined ? new Tracker() : trackerOf(running);
}

/** @internal The running loop, or `loop`; `fn` names the caller in the error. */
export function loopOf(fn: string, loop: EventLoop | undefined): EventLoop {
  if (loop !== undefined) {
    if (loop === null || typeof loop !== 'object' || typeof loop.time !== 'function') {
      throw new TypeError(`${fn}(): an EventLoop was expected, got ${show(loop)}`);
    }
    return loop;
  }
  try {
    return getRunningLoop();
  } catch {
    throw new Error(
      `${fn}(): no event loop is running: call it from a coroutine or callback, or pass the loop`,
    );
  }
}
