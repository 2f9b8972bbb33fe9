/**
 * Running a program: `run` (a Promise) and `runSync` (synchronous, for clocks
 * that move time themselves).
 *
 * @module
 */

import { onHostIdle, onInterrupt, reraiseInterrupt } from './clock';
import { EventLoop } from './eventLoop';
import { LoopStuckError } from './events';
import { CancelledError, DeadlockError, KeyboardInterrupt } from './exceptions';
import { isGeneratorObject, repr } from './format';
import { peekRunningLoop } from './runningLoop';
import { type Task, pendingTasks } from './task';
import type * as api from './types';
import type { Clock, Coro, Instrument } from './types';
import { describePending } from './waits';

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
  /**
   * `run()` only. While it runs, on hosts with signals (Node, Bun) and when nobody else
   * listens for SIGINT, Ctrl-C cancels the main task (its `finally` blocks and the
   * shutdown of leftover tasks run) and `run()` then rejects with `KeyboardInterrupt`,
   * as `asyncio.Runner` does; a second Ctrl-C exits at once. Default `true`; `false`
   * leaves SIGINT alone.
   */
  handleSigint?: boolean;
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
  const task = loop.createTask(main) as Task<T>;
  // A program that can never finish says so when the host runs out of work, instead
  // of letting the process exit silently.
  const stopIdle = onHostIdle(() => {
    if (!loop._driver.hostIdle()) loop._driver.fail(deadlockError(loop, 'run()'));
  });
  let interrupts = 0;
  const stopInterrupt =
    opts?.handleSigint === false
      ? null
      : onInterrupt(() => {
          interrupts++;
          if (interrupts === 1 && !task.done()) {
            task.cancel();
            return;
          }
          // A second Ctrl-C: let the host's default action (exit) happen.
          stopInterrupt?.();
          reraiseInterrupt();
        });
  try {
    try {
      return await loop.runUntilComplete<T>(task);
    } catch (e) {
      // Interrupted, and the main task ended with the cancellation (asyncio.Runner).
      if (interrupts > 0 && e instanceof CancelledError && task.uncancel() === 0) {
        throw new KeyboardInterrupt('interrupted (SIGINT): the main task was cancelled');
      }
      throw e;
    }
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
      stopIdle?.();
      stopInterrupt?.();
      loop.close();
    }
  }
}

/** The error of a run that can never finish: who waits, on what, and the wait cycles. */
function deadlockError(loop: EventLoop, fn: string): DeadlockError {
  const tasks = pendingTasks(loop);
  const host =
    loop._hostPending > 0
      ? ` ${loop._hostPending} wrapped native promise${loop._hostPending === 1 ? ' is' : 's are'} ` +
        'still pending, and can no longer settle.'
      : '';
  return new DeadlockError(
    `${fn}: deadlock: no task can make progress — no callback is ready, no timer is due ` +
      `that the clock will reach, and the host has no work left.${host}\n` +
      describePending(tasks),
    tasks,
  );
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

/** What runSync says when it cannot go on: a deadlock, or why the host would be needed. */
function stuckError(loop: EventLoop, stuck: LoopStuckError): Error {
  const tasks = pendingTasks(loop);
  const n = stuck.hostPending;
  if (stuck.why === 'idle' && n === 0) return deadlockError(loop, 'runSync()');
  let why: string;
  if (stuck.why === 'timer') {
    why =
      `the next timer is due at ${stuck.deadline} ms and the clock cannot move time ` +
      `itself (${String(loop._clock)}): runSync needs a clock that does, such as ` +
      "@aio/timers' VirtualClock with autojump on";
  } else {
    why =
      `${n} wrapped native promise${n === 1 ? ' is' : 's are'} pending, and no promise can ` +
      'settle while runSync holds the host (one that depends on this loop, such as ' +
      'toPromise(task) or an Observable of a task, never can): await the task itself ' +
      '(yield* task), use fromObservable, or use run() instead of runSync()';
  }
  return new Error(`runSync(): the loop cannot go on: ${why}.\n${describePending(tasks)}`);
}
