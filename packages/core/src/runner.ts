/**
 * Running a program: `run` (a Promise) and `runSync` (synchronous, for clocks
 * that move time themselves).
 *
 * @module
 */

import { EventLoop } from './eventLoop';
import { LoopStuckError } from './events';
import { isGeneratorObject, repr } from './format';
import type * as api from './types';
import { peekRunningLoop } from './runningLoop';
import { type Task, pendingTasks } from './task';
import { describeWait } from './waits';
import type { Clock, Coro, Instrument } from './types';

// How many tasks an error message names at most.
const MAX_TASKS_NAMED = 20;

/**
 * Options of {@link run} and {@link runSync}.
 *
 * @example
 * ```ts
 * await run(main(), { debug: true });
 * ```
 */
export interface RunOptions {
  /** The loop's clock (default: the real clock). */
  clock?: Clock;
  /** Debug mode. */
  debug?: boolean;
  /** Instruments to add to the loop before `main` is created (see `Instrument`). */
  instruments?: Iterable<Instrument>;
}

/** The loop of a run: its clock, debug mode and instruments. */
function newLoop(opts: RunOptions | undefined, fn: string): EventLoop {
  const loop = new EventLoop(opts);
  const instruments = opts?.instruments;
  if (instruments !== undefined) {
    if (
      instruments === null ||
      typeof instruments !== 'object' ||
      !(Symbol.iterator in instruments)
    ) {
      throw new TypeError(
        `${fn}(): instruments must be an iterable of Instrument objects, got ${repr(instruments)}`,
      );
    }
    for (const inst of instruments) loop.addInstrument(inst);
  }
  return loop;
}

function checkMain(main: unknown, fn: string): void {
  if (peekRunningLoop() !== null) {
    throw new Error(
      `${fn}() cannot be called from a running event loop: inside a coroutine use yield* or createTask()`,
    );
  }
  if (!isGeneratorObject(main)) {
    throw new TypeError(
      `${fn}(): main must be a coroutine (generator object), got ${repr(main)}` +
        (typeof main === 'function' ? ' — call it: main()' : ''),
    );
  }
}

// asyncio.run closes with two more runs of the loop (shutdown_asyncgens and
// shutdown_default_executor), each a coroutine that returns at once; they give
// leftover callbacks the same iterations as in CPython.
function* nothing(): Coro<void> {}

/** The tasks to cancel at the end, or null. */
function cancelAll(loop: EventLoop): Task<unknown>[] | null {
  if (loop._taskCount === 0) return null;
  const tasks = pendingTasks(loop) as Task<unknown>[];
  for (const t of tasks) t.cancel();
  return tasks;
}

/**
 * A future done once every task in `tasks` is done: what asyncio.run awaits with
 * `gather(*to_cancel, return_exceptions=True)`, and done in the same iteration
 * (the last task's done-callback completes it), without gather's machinery.
 */
function allDone(loop: EventLoop, tasks: Task<unknown>[]): api.Future<void> {
  const done = loop.createFuture<void>();
  let left = tasks.length;
  const onDone = (): void => {
    if (--left === 0) done.setResult(undefined);
  };
  for (const t of tasks) t.addDoneCallback(onDone);
  return done;
}

function reportLeftovers(loop: EventLoop, tasks: Task<unknown>[]): void {
  for (const t of tasks) {
    if (t.cancelled()) continue;
    const exc = t.exception();
    if (exc !== undefined) {
      loop.callExceptionHandler({
        message: 'unhandled exception during run() shutdown',
        exception: exc,
        task: t,
      });
    }
  }
}

/**
 * Runs `main` on a new loop and returns its result. When `main` is done, every
 * task still pending is cancelled and awaited (their `finally` blocks run), then
 * the loop is closed.
 *
 * @throws (rejects) `main`'s error, or `CancelledError` if it was cancelled;
 * Error when called from inside a running loop; TypeError if `main` is not a
 * coroutine.
 * @example
 * ```ts
 * function* main(): Coro<number> {
 *   yield* sleep(1000);
 *   return 42;
 * }
 * console.log(await run(main())); // 42, a second later
 * ```
 */
export async function run<T>(main: Coro<T>, opts?: RunOptions): Promise<T> {
  checkMain(main, 'run');
  const loop = newLoop(opts, 'run');
  try {
    return await loop.runUntilComplete<T>(loop.createTask(main));
  } finally {
    try {
      const tasks = cancelAll(loop);
      if (tasks !== null) {
        await loop.runUntilComplete(allDone(loop, tasks));
        reportLeftovers(loop, tasks);
      }
      await loop.runUntilComplete(nothing());
      await loop.runUntilComplete(nothing());
    } finally {
      loop.close();
    }
  }
}

/**
 * Like {@link run}, but synchronous: for loops whose clock moves time itself (a
 * `VirtualClock` from `@aio/timers`). Returns `main`'s result or throws its error.
 *
 * @throws Error if the loop would have to wait for the host (a pending native
 * promise, a real timer): the message names the tasks still waiting and what each
 * waits on.
 * @example
 * ```ts
 * const n = runSync(main(), { clock: new VirtualClock() }); // no real waiting
 * ```
 */
export function runSync<T>(main: Coro<T>, opts?: RunOptions): T {
  checkMain(main, 'runSync');
  const loop = newLoop(opts, 'runSync');
  try {
    const task = loop.createTask(main);
    runSyncUntil(loop, task);
    if (!task.done()) throw new Error('Event loop stopped before Future completed.');
    try {
      return task.result();
    } finally {
      const tasks = cancelAll(loop);
      if (tasks !== null) {
        runSyncUntil(loop, allDone(loop, tasks));
        reportLeftovers(loop, tasks);
      }
      runSyncUntil(loop, loop.createTask(nothing()));
      runSyncUntil(loop, loop.createTask(nothing()));
    }
  } finally {
    loop.close();
  }
}

/** Runs `loop` until `fut` is done; a stuck loop becomes the error the user sees. */
function runSyncUntil(loop: EventLoop, fut: api.Future<unknown>): void {
  try {
    loop._runUntilCompleteSync(fut);
  } catch (e) {
    if (e instanceof LoopStuckError) throw stuckError(loop, e);
    throw e;
  }
}

/** What runSync says when the loop would have to wait for the host: who waits, on what. */
function stuckError(loop: EventLoop, stuck: LoopStuckError): Error {
  const why =
    stuck.why === 'idle'
      ? 'no callback is ready and no timer is scheduled'
      : `the next timer is due at ${stuck.deadline} ms and the clock cannot move time itself`;
  const lines: string[] = [];
  let k = 0;
  for (const t of pendingTasks(loop)) {
    if (k++ === MAX_TASKS_NAMED) {
      lines.push(`  … and ${loop._taskCount - MAX_TASKS_NAMED} more`);
      break;
    }
    lines.push(`  ${t.getName()} waiting on ${describeWait(t).text}`);
  }
  const host =
    stuck.hostPending > 0 ? ` ${stuck.hostPending} wrapped native promise(s) pending.` : '';
  return new Error(
    `runSync(): the loop would have to wait for the host: ${why}.${host}` +
      (lines.length > 0 ? `\nTasks still waiting:\n${lines.join('\n')}` : ' No task is waiting.'),
  );
}
