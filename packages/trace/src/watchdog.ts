/**
 * The watchdog: reports, while the program runs, the three things that make an asyncio
 * program hang or stall.
 *
 * - A task **blocked** longer than `blockedMs` of loop time (so it works on a virtual
 *   clock too), with its wait chain: `'reader' #3 waits on Lock held by 'writer' →
 *   'writer' #2 waits on a wrapped native promise`. A task in a sleep of its own is not
 *   reported: it resumes by itself.
 * - A task still running `blockedMs` after it was cancelled, its cancel request still
 *   pending (`cancelling() > 0`): a swallowed `CancelledError`, the most common asyncio
 *   bug. A task that handled its cancellation (`uncancel()`, as `timeout()` does) is not.
 * - A step that held the loop longer than `slowStepMs` of real time (tokio-console's
 *   "never yielded"). JavaScript cannot interrupt a running step, so it is reported when
 *   the step ends.
 *
 * How it watches: each task is put at the back of an insertion-ordered map when a step
 * ends, so the map is ordered by how long each task has waited, and the front is the
 * next to check. One timer, armed at the front's deadline only while some task could
 * become overdue, does the checks; each wait is reported once. So an idle loop stays
 * idle once everything overdue was reported, and a deadlock is still detected.
 *
 * @module
 */

import { allTasks, type EventLoop, type Instrument, type Task, type TimerHandle } from '@aio/core';
import { show } from './show';
import { loopOf, trackerOf } from './tracker';
import { formatChain, taskLabel, waitChain } from './waits';

/**
 * What the watchdog saw: a task blocked too long, a cancellation ignored, or a step that
 * held the loop too long.
 *
 * @example
 * ```ts
 * import type { WatchReportKind } from '@aio/trace';
 *
 * const k: WatchReportKind = 'slow-step';
 * console.log(k); // → slow-step
 * ```
 */
export type WatchReportKind = 'blocked' | 'cancel-ignored' | 'slow-step';

/**
 * One report of the watchdog.
 *
 * @example
 * ```ts
 * import { type Coro, createTask, getRunningLoop, run, sleep } from '@aio/core';
 * import { type WatchReport, watchTasks } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * const reports: WatchReport[] = [];
 * function* main(): Coro<void> {
 *   watchTasks({ blockedMs: 1000, onReport: (r) => reports.push(r) });
 *   const never = getRunningLoop().createFuture();
 *   const stuck = createTask((function* () { yield* never; })(), { name: 'stuck' });
 *   yield* sleep(1500);
 *   stuck.cancel();
 * }
 * await run(main(), { clock: new VirtualClock() });
 * console.log(reports[0]?.kind, reports[0]?.ms); // → blocked 1000
 * ```
 */
export interface WatchReport {
  readonly kind: WatchReportKind;
  /** The task concerned. */
  readonly task: Task<unknown>;
  /** How long: blocked, since the cancel request (loop time), or the step (real time). */
  readonly ms: number;
  /** The report in one line (what the default report prints). */
  readonly message: string;
  /** For `blocked`: the wait chain in one line; otherwise `''`. */
  readonly chain: string;
}

/**
 * Options of {@link watchTasks}.
 *
 * @example
 * ```ts
 * import type { WatchOptions } from '@aio/trace';
 *
 * const opts: WatchOptions = { blockedMs: 30_000, slowStepMs: 50 };
 * console.log(opts.slowStepMs); // → 50
 * ```
 */
export interface WatchOptions {
  /**
   * Loop-time ms after which a waiting task is reported as blocked, and a cancelled task
   * still running as ignoring its cancellation (default 5000; `Infinity`: never).
   */
  blockedMs?: number;
  /** Real-time ms a step may hold the loop before it is reported (default 100; `Infinity`: never). */
  slowStepMs?: number;
  /** Receives each report (default: the loop's exception handler, with `message` and `task`). */
  onReport?: (report: WatchReport) => void;
  /** The real-time clock for `slowStepMs`, in ms (default `performance.now`). */
  now?: () => number;
}

/**
 * A running watchdog (see {@link watchTasks}).
 *
 * @example
 * ```ts
 * import { run, sleep } from '@aio/core';
 * import { watchTasks } from '@aio/trace';
 *
 * await run((function* () {
 *   const dog = watchTasks({ blockedMs: 100 });
 *   yield* sleep(1);
 *   dog.stop();
 *   console.log(dog.watching); // → false
 * })());
 * ```
 */
export interface Watchdog {
  /** Whether it is still watching. */
  readonly watching: boolean;
  /** Stops watching: no more reports, its timer is cancelled (idempotent). */
  stop(): void;
}

function msOption(fn: string, name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0) {
    throw new TypeError(`${fn}(): ${name} must be a number ≥ 0 (or Infinity), got ${show(v)}`);
  }
  return v;
}

/** `1500`, `0.5`: ms in a message. */
function ms(x: number): string {
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

interface CancelInfo {
  readonly at: number;
  readonly by: string;
}

/** @internal The watchdog instrument (see the module comment). */
export class WatchdogInstrument implements Instrument, Watchdog {
  readonly name = '@aio/trace watchdog';
  readonly #loop: EventLoop;
  readonly #blockedMs: number;
  readonly #slowStepMs: number;
  readonly #onReport: (r: WatchReport) => void;
  readonly #now: () => number;
  /** Waiting tasks, oldest wait first (re-inserted at the end of each step). */
  readonly #waiting = new Map<Task<unknown>, number>();
  /** Cancelled tasks, oldest request first. */
  readonly #cancels = new Map<Task<unknown>, CancelInfo>();
  readonly #stepStarts: number[] = [];
  #timer: TimerHandle | null = null;
  #timerAt = 0;
  #watching = true;

  constructor(loop: EventLoop, opts: WatchOptions | undefined) {
    this.#loop = loop;
    this.#blockedMs = msOption('watchTasks', 'blockedMs', opts?.blockedMs, 5000);
    this.#slowStepMs = msOption('watchTasks', 'slowStepMs', opts?.slowStepMs, 100);
    const onReport = opts?.onReport;
    if (onReport !== undefined && typeof onReport !== 'function') {
      throw new TypeError(`watchTasks(): onReport must be a function, got ${show(onReport)}`);
    }
    const now = opts?.now;
    if (now !== undefined && typeof now !== 'function') {
      throw new TypeError(`watchTasks(): now must be a function, got ${show(now)}`);
    }
    this.#onReport =
      onReport ?? ((r) => loop.callExceptionHandler({ message: r.message, task: r.task } as never));
    this.#now = now ?? (() => performance.now());
    if (Number.isFinite(this.#blockedMs)) {
      const t = loop.time();
      for (const task of allTasks(loop)) this.#waiting.set(task, t);
      this.#arm();
    }
  }

  get watching(): boolean {
    return this.#watching;
  }

  beforeTaskStep(): void {
    if (this.#slowStepMs !== Number.POSITIVE_INFINITY) this.#stepStarts.push(this.#now());
  }

  afterTaskStep(task: Task<unknown>): void {
    if (this.#slowStepMs !== Number.POSITIVE_INFINITY) {
      const start = this.#stepStarts.pop();
      if (start !== undefined) {
        const took = this.#now() - start;
        if (took >= this.#slowStepMs) {
          this.#report({
            kind: 'slow-step',
            task,
            ms: took,
            chain: '',
            message: `aio watchdog: a step of task ${taskLabel(task)} held the loop for ${ms(took)} ms (it did not yield)`,
          });
        }
      }
    }
    if (this.#blockedMs !== Number.POSITIVE_INFINITY && !task.done()) {
      this.#waiting.delete(task);
      this.#waiting.set(task, this.#loop.time());
      if (this.#timer === null) this.#arm();
    }
  }

  taskDone(task: Task<unknown>): void {
    this.#waiting.delete(task);
    this.#cancels.delete(task);
  }

  cancelRequested(
    task: Task<unknown>,
    by: Task<unknown> | undefined,
    msg: string | undefined,
  ): void {
    if (this.#blockedMs === Number.POSITIVE_INFINITY || this.#cancels.has(task)) return;
    const who = by === undefined ? 'a callback' : taskLabel(by);
    this.#cancels.set(task, {
      at: this.#loop.time(),
      by: msg === undefined ? who : `${who}: '${msg}'`,
    });
    if (this.#timer === null) this.#arm();
  }

  /**
   * Arms the timer for the earliest deadline, if some task can become overdue. (Armed
   * when a wait begins, not when the loop goes idle: by then the loop has chosen how
   * long to wait.) A timer already set is never later than the front's deadline, since
   * waits join at the back; one that fires early finds nothing due and re-arms.
   */
  #arm(): void {
    if (!this.#watching || this.#blockedMs === Number.POSITIVE_INFINITY) return;
    let next = Number.POSITIVE_INFINITY;
    for (const since of this.#waiting.values()) {
      next = since;
      break;
    }
    for (const c of this.#cancels.values()) {
      next = Math.min(next, c.at);
      break;
    }
    if (next === Number.POSITIVE_INFINITY) return;
    const deadline = Math.max(next + this.#blockedMs, this.#loop.time());
    if (this.#timer !== null) {
      if (this.#timerAt <= deadline) return;
      this.#timer.cancel();
    }
    this.#timerAt = deadline;
    this.#timer = this.#loop.callAt(deadline, () => this.#check());
  }

  #check(): void {
    this.#timer = null;
    const now = this.#loop.time();
    const b = this.#blockedMs;
    for (const [task, since] of this.#waiting) {
      if (since + b > now) break;
      this.#waiting.delete(task);
      if (task.done()) continue;
      const chain = waitChain(task);
      const first = chain.links[0]?.wait.kind;
      // Ready or running: not blocked. In a sleep: it resumes by itself.
      if (first === 'ready' || first === 'running' || first === 'done' || first === 'sleep') {
        continue;
      }
      const text = formatChain(chain);
      this.#report({
        kind: 'blocked',
        task,
        ms: now - since,
        chain: text,
        message: `aio watchdog: task ${taskLabel(task)} has been blocked for ${ms(now - since)} ms: ${text}`,
      });
    }
    for (const [task, c] of this.#cancels) {
      if (c.at + b > now) break;
      this.#cancels.delete(task);
      if (task.done() || task.cancelling() === 0) continue;
      const wait = waitChain(task).links[0]?.wait.text ?? 'running';
      this.#report({
        kind: 'cancel-ignored',
        task,
        ms: now - c.at,
        chain: '',
        message:
          `aio watchdog: task ${taskLabel(task)} was cancelled ${ms(now - c.at)} ms ago (by ${c.by}) ` +
          `and is still running: does it swallow CancelledError? It waits on ${wait}`,
      });
    }
    this.#arm();
  }

  #report(r: WatchReport): void {
    this.#onReport(r);
  }

  stop(): void {
    if (!this.#watching) return;
    this.#watching = false;
    this.#loop.removeInstrument(this);
    this.#timer?.cancel();
    this.#timer = null;
    this.#waiting.clear();
    this.#cancels.clear();
  }
}

/**
 * Starts a watchdog on `loop` (default: the running loop): it reports a task blocked
 * longer than `blockedMs` of loop time with its wait chain, a task still running
 * `blockedMs` after it was cancelled (a swallowed cancellation), and a step that held the
 * loop longer than `slowStepMs` of real time. Reports go to `onReport`, or to the loop's
 * exception handler. Tasks already waiting are timed from now. `stop()` ends it.
 *
 * Its timer only runs while a task could become overdue, so it neither keeps an idle
 * program busy nor hides a deadlock (each wait is reported once).
 *
 * @throws Error when `loop` is omitted and none is running; TypeError for a bad option.
 * @example
 * ```ts
 * import { createTask, currentTask, Lock, run, sleep } from '@aio/core';
 * import { watchTasks } from '@aio/trace';
 * import { VirtualClock } from '@aio/timers';
 *
 * const lock = new Lock();
 * function* main() {
 *   currentTask()?.setName('main');
 *   const dog = watchTasks({ blockedMs: 5000, onReport: (r) => console.log(r.message) });
 *   yield* lock.acquire(); // main holds the lock and forgets to release it…
 *   const reader = createTask(lock.acquire(), { name: 'reader' });
 *   yield* sleep(6000);
 *   // → aio watchdog: task 'reader' #2 has been blocked for 5000 ms: 'reader' #2 waits on Lock held by 'main' → 'main' #1 waits on sleep until 6000
 *   lock.release();
 *   yield* reader;
 *   dog.stop();
 * }
 * await run(main(), { clock: new VirtualClock() });
 * ```
 */
export function watchTasks(opts?: WatchOptions, loop?: EventLoop): Watchdog {
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) {
    throw new TypeError(`watchTasks(): opts must be an object, got ${show(opts)}`);
  }
  const lp = loopOf('watchTasks', loop);
  trackerOf(lp); // ids in creation order, the same as in task dumps
  const dog = new WatchdogInstrument(lp, opts);
  lp.addInstrument(dog);
  return dog;
}
