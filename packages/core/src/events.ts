/**
 * The loop's internal interface: what an event loop offers to the rest of core (Future,
 * Task, Handle, the primitives, the runner) beyond its public API. This is CPython's
 * `events.py` role: futures and tasks depend on this contract, never on the concrete
 * `EventLoop` class, so every import in core points one way (the class implements it).
 *
 * Every member says who calls it and what it guarantees. None of them is public: they
 * are `@internal`, absent from the published types.
 *
 * @internal
 * @module
 */

import type { Context, VarMap } from './contextvars';
import { repr } from './format';
import type { EventLoop, Future, Instrument, Task, WaitInfo } from './types';

/**
 * What the ready queue holds: a handle (a callback) or a task (its own step). The loop
 * calls `_run()` once per time the runnable was queued, from `runOnce` only.
 *
 * @internal
 */
export interface Runnable {
  _run(): void;
}

/**
 * An entry of the loop's timer queue (`timerWheel.ts`): a `TimerHandle`, or an object
 * core makes that is its own timer (a sleep). When due it joins the ready queue and
 * the loop runs it once.
 *
 * @internal
 */
export interface TimerEntry extends Runnable {
  /** The deadline (loop time, ms). Timers with equal deadlines run in scheduling order. */
  _when: number;
  /**
   * Where the entry stands with the loop: `TIMER_IDLE` (not queued), `TIMER_QUEUED`, or
   * `TIMER_DROPPED` (queued but cancelled: it stays until popped or compacted away, as
   * asyncio's cancelled timer handles do). Written by the loop (`_addTimer`,
   * `_dropTimer`, and when it pops or drops the entry) and nobody else.
   */
  _timer: number;
}

/** @internal */ export const TIMER_IDLE = 0;
/** @internal */ export const TIMER_QUEUED = 1;
/** @internal */ export const TIMER_DROPPED = 2;

/** @internal `WaitInfo` without the future (the future is the one describing itself). */
export type WaitParts = Omit<WaitInfo, 'future'>;

/**
 * What a task can wait on (its `_futWaiter`): a Future, or an object core makes that
 * acts as one towards the task without being one (a sleep, sleep.ts: one object instead
 * of a coroutine, a future and a timer handle). Such an object carries the brand
 * {@link WAITABLE} and yields itself with `BLOCKING` set in `_flags`, as `yield* fut`
 * does; it is never seen by user code as a future: where the public API hands out the
 * future a task waits on (`describeWait`, the `taskScheduled` hook) it hands out
 * `_asFuture()`, a real Future standing for it from then on.
 *
 * @internal
 */
export interface Waitable {
  readonly _loop: LoopInternals;
  /** A Future's state (future.ts): PENDING, FINISHED, FAILED or CANCELLED. */
  readonly _state: number;
  /** The result, exception or cancel message, by state. */
  readonly _value: unknown;
  /**
   * Shares two fields of a future's layout (future.ts): STATE and the BLOCKING bit (set
   * while yielded by `yield*`, cleared by the task). Its other bits are its own: nothing
   * may test another future flag on a Waitable.
   */
  _flags: number;
  done(): boolean;
  cancel(msg?: string): boolean;
  toString(): string;
  _addWaker(w: DoneWaker): void;
  _removeWaker(w: DoneWaker): void;
  _describeWait(): WaitParts;
  /** The CancelledError a waiter gets when it is cancelled. */
  _makeCancelledError(): Error;
  /** Its exception was delivered to a waiter (see future.ts's lost-exception watch). */
  _retrieved(): void;
  /** The public Future for this wait: a Future itself, or one that stands for it. */
  _asFuture(): Future<unknown>;
}

/** @internal The brand of a {@link Waitable} that is not a Future (a prototype property). */
export const WAITABLE: unique symbol = Symbol('aio.waitable');

/** @internal Whether `x` is a branded {@link Waitable} (not a Future). */
export function isBrandedWaitable(x: unknown): x is Waitable {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as { readonly [WAITABLE]?: unknown })[WAITABLE] === true
  );
}

/**
 * An object told synchronously that a future is done, from inside the future's
 * completion (not through the ready queue). It must not run user code: a task queues
 * its own step, a promise bridge settles a native promise, gather queues its callback.
 *
 * @internal
 */
export interface DoneWaker {
  /** `fut` is done: a Future (only a task also waits on the other {@link Waitable}s). */
  _onDone(fut: Waitable): void;
  /**
   * The task only: it now waits on `to`, a Future standing for `from` (see
   * {@link Waitable}'s `_asFuture`).
   */
  _rewait?(from: Waitable, to: Future<unknown>): void;
  /**
   * The future this waker acts for, if it makes one future await another (gather's
   * waker: the gather awaits its children). `getAwaitedBy` reads it, on wakers and on
   * done-callback functions alike.
   */
  _awaiter?: Future<unknown> | null;
}

/**
 * A task as the loop's registry of pending tasks sees it (owned by `task.ts`): its
 * number in the order of registration, the key of its slot, or -1 while it is not
 * registered.
 *
 * @internal
 */
export interface ListedTask extends Task<unknown> {
  _slot: number;
}

/**
 * The loop as core's own modules use it.
 *
 * @internal
 */
export interface LoopInternals extends EventLoop {
  /**
   * Always `true`: tells an aio loop from any other object passed as a loop
   * ({@link loopInternals} checks it).
   */
  readonly _aioLoop: true;

  /**
   * Debug mode. Read by Future and Task (a `CancelledError` the loop makes gets a
   * stack trace only in debug mode) and by Handle (a cancelled handle keeps its
   * callback for `toString()`).
   */
  readonly _debug: boolean;

  /**
   * `{ loop: this }`, made once: the options object core's own Future subclasses pass to
   * the Future constructor, so that making one allocates nothing more.
   */
  readonly _opts: { readonly loop: EventLoop };

  /**
   * The failed futures of this loop whose exception nobody retrieved yet, held weakly;
   * `null` while there is none. Kept by future.ts: reported when the loop closes.
   */
  _lost: Set<WeakRef<Future<unknown>>> | null;

  /** Whether the loop is closed. Read by `wrapPromise`: a settlement after close is dropped. */
  readonly _closed: boolean;

  /**
   * Throws `Error('Event loop is closed')` when the loop is closed. Called by the Task
   * constructor and `wrapPromise` before they schedule anything.
   */
  _checkClosed(): void;

  /**
   * Whether this loop is running a callback or task step right now (it is the running
   * loop). Called by the Task constructor: an eager start only happens from code the
   * loop runs.
   */
  _isRunningNow(): boolean;

  /**
   * Queues `r` at the tail of the ready queue: it runs in a later iteration, after
   * everything queued before it (FIFO), never synchronously; an idle loop is woken.
   * Called by Task to schedule its step (a task is its own queue entry).
   */
  _pushReady(r: Runnable): void;

  /**
   * `callSoon(cb, arg)` for core's own callbacks: no argument check, no arguments
   * array, and how it runs given: a `Context` to enter, or the variables captured
   * earlier (a `VarMap`, handles.ts). Called by Future (done-callbacks), gather and wait.
   * Throws like `callSoon` when the loop is closed.
   */
  _callSoonOne(cb: (arg: never) => unknown, arg: unknown, ctx: Context | VarMap): void;

  /**
   * Queues `e` (not queued) as a timer due `delayMs` from now (a number, not NaN): sets
   * its `_when` and `_timer`. For core's objects that are their own timer
   * (`sleep`). Throws like `callLater` when the loop is closed.
   */
  _addTimer(e: TimerEntry, delayMs: number): void;

  /**
   * Cancels the timer `e` if it is queued (lazily: it stays, marked `TIMER_DROPPED`,
   * and the loop compacts its queue once cancelled timers are the majority, asyncio's
   * rule). Called by `TimerHandle.cancel()` and by core's own timers.
   */
  _dropTimer(e: TimerEntry): void;

  /**
   * How many wrapped native promises are pending. Incremented and decremented by
   * `wrapPromise`; passed to the clock (`IdleInfo.hostPending`), so that a virtual
   * clock holds time still while the host has work that will wake the loop.
   */
  _hostPending: number;

  /**
   * Runs the loop synchronously until `fut` is done, for `runSync`. Throws a
   * {@link LoopStuckError} when the loop would have to wait for the host.
   */
  _runUntilCompleteSync(fut: Future<unknown>): void;

  // ---- instruments: data of the loop, kept by instruments.ts -------------------------

  /** The instruments, in the order they were added (copy-on-write). */
  _instruments: Instrument[];
  /**
   * One list per hook, `null` while no instrument defines it: a hook site reads its
   * field and calls `fireHook` only when it is not null (instruments.ts).
   */
  _hkBeforeRun: Instrument[] | null;
  _hkAfterRun: Instrument[] | null;
  _hkTaskCreated: Instrument[] | null;
  _hkTaskScheduled: Instrument[] | null;
  _hkBeforeTaskStep: Instrument[] | null;
  _hkAfterTaskStep: Instrument[] | null;
  _hkTaskDone: Instrument[] | null;
  _hkCancelRequested: Instrument[] | null;
  _hkBeforeIdle: Instrument[] | null;
  _hkAfterIdle: Instrument[] | null;

  // ---- the task registry: data of the loop, kept by task.ts --------------------------

  /** The task whose step is running, or null. Set and cleared by task.ts only. */
  _currentTask: Task<unknown> | null;
  /**
   * The task whose step has just ended, while the `afterTaskStep` hooks run for it (it
   * is still `_currentTask` then); null otherwise. Set by task.ts around those hooks
   * only (no cost without them); `describeWait` reads it to say `ready` instead of
   * `running` after a bare `yield`.
   */
  _stepEnded: Task<unknown> | null;
  /**
   * The pending tasks in registration order (the loop holds them strongly), in chunks
   * of slots; see task.ts. task.ts only.
   */
  _taskChunks: Array<Array<ListedTask | null> | null>;
  /** How many tasks each chunk holds. task.ts only. */
  _taskLive: number[];
  /** The number of the first slot of the first chunk. task.ts only. */
  _taskBase: number;
  /** The number the next task registered gets. task.ts only. */
  _taskNextSlot: number;
  /** How many tasks are pending. task.ts only. */
  _taskCount: number;
}

/**
 * Why `_runUntilCompleteSync` could not go on: the loop would have to wait for the host.
 * The runner turns it into the message the user sees (which tasks wait, on what).
 *
 * @internal
 */
export class LoopStuckError extends Error {
  override name = 'LoopStuckError';
  constructor(
    /** `'idle'`: nothing ready and no timer; `'timer'`: the clock cannot move to the next timer. */
    readonly why: 'idle' | 'timer',
    /** The next timer's deadline, for `'timer'`. */
    readonly deadline: number,
    /** How many wrapped native promises were pending. */
    readonly hostPending: number,
  ) {
    super(why === 'idle' ? 'no callback is ready and no timer is scheduled' : 'timer due');
  }
}

/**
 * The internals of `loop`, checking that it is an aio loop.
 *
 * @throws TypeError naming `who` when `loop` is not an aio EventLoop.
 * @internal
 */
export function loopInternals(loop: unknown, who: string): LoopInternals {
  if (
    loop === null ||
    typeof loop !== 'object' ||
    (loop as Partial<LoopInternals>)._aioLoop !== true
  ) {
    throw new TypeError(`${who}: loop must be an aio EventLoop, got ${repr(loop)}`);
  }
  return loop as LoopInternals;
}
