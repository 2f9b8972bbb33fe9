/**
 * How an event loop lives inside the JavaScript host.
 *
 * JavaScript has no blocking `select()`: a loop cannot sleep inside a call. So
 * `runForever`/`runUntilComplete` run iterations in **batches**, synchronously, until
 * the loop stops, has nothing ready, or has used its time slice, and then return to the
 * host:
 *
 * - **idle with a timer**: the clock may move time itself (`advanceIdle`, a virtual
 *   clock jumps to the timer and the batch goes on); otherwise one host timer is armed
 *   for the earliest deadline (`clock.setTimer`) and the batch ends;
 * - **idle with nothing scheduled**: the batch ends; the loop is woken by whatever
 *   queues work from outside (a settled native promise calls `callSoon`) with a
 *   microtask;
 * - **a slice used up** (8 ms of host time): the batch yields with a macrotask, so that a
 *   task spinning on `sleep(0)` never starves host timers, I/O or rendering.
 *
 * `runSync` uses the same iteration without returning to the host: where a batch would
 * wait, it throws a {@link LoopStuckError} instead.
 *
 * @internal
 * @module
 */

import { hostNow, scheduleMacrotask } from './clock';
import { LoopStuckError } from './events';
import type { LoopInternals } from './events';
import { fireHook } from './instruments';
import { markRunning, swapRunningLoop } from './runningLoop';
import type { Clock, IdleInfo } from './types';

// Host time a batch may run before yielding to the host with a macrotask.
const SLICE_MS = 8;
// Reading the host clock costs about as much as a short iteration: a batch checks its
// slice once every CHECK_EVERY iterations (a power of two, so the test is a mask).
const CHECK_EVERY = 32;
const CHECK_MASK = CHECK_EVERY - 1;

/**
 * What the driver needs of its loop: one iteration, and what decides the next move.
 *
 * @internal
 */
export interface DrivenLoop extends LoopInternals {
  readonly _clock: Clock;
  /** Set by `stop()`; the driver ends the run after the iteration in which it was set. */
  _stopping: boolean;
  /** Whether the loop is inside `runForever`/`runUntilComplete`/`runSync`. */
  _running: boolean;
  /** True while the loop waits for the host: `_pushReady` and new timers then wake it. */
  _idle: boolean;
  /** One iteration: due timers join the ready queue, then what was ready runs. */
  _runOnce(): void;
  /** How many runnables are ready. */
  _readyCount(): number;
  /** The earliest timer deadline, or `Infinity`. */
  _nextDeadline(): number;
}

/**
 * Runs one loop's iterations in batches from the host (see the module comment).
 *
 * @internal
 */
export class HostDriver {
  readonly #loop: DrivenLoop;
  #inBatch = false;
  #wakeScheduled = false;
  #hostTimer: unknown = undefined;
  #hostTimerSet = false;
  #sliceStart = 0;
  #onStopped: (() => void) | null = null;
  #onFailed: ((e: unknown) => void) | null = null;
  // The timeout of a wait for the host that `afterIdle` has not been told about yet.
  #idleTimeout: number | null = null;
  readonly #idleInfo: { hostPending: number; hostIdle: boolean; loop: DrivenLoop };
  // One bound function each, made once: the host calls them.
  readonly #driveFromHost = (): void => {
    this.#sliceStart = hostNow();
    this.#runBatch();
  };
  readonly #driveFromMicrotask = (): void => {
    this.#runBatch();
  };

  constructor(loop: DrivenLoop) {
    this.#loop = loop;
    this.#idleInfo = { hostPending: 0, hostIdle: false, loop };
  }

  /**
   * Starts running from the host: batches until the loop stops, then `onStopped()`;
   * if an iteration throws (a bug: callbacks' errors go to the exception handler),
   * the run ends with `onFailed(error)`.
   */
  start(onStopped: () => void, onFailed: (e: unknown) => void): void {
    const loop = this.#loop;
    loop._running = true;
    this.#onStopped = onStopped;
    this.#onFailed = onFailed;
    this.#sliceStart = hostNow();
    markRunning(loop, true);
    const hk = loop._hkBeforeRun;
    if (hk !== null) fireHook(loop, hk, 'beforeRun', loop);
    this.#runBatch();
  }

  /**
   * Runs synchronously until the loop stops. Throws {@link LoopStuckError} where a
   * batch would have to wait for the host.
   */
  runSync(): void {
    const loop = this.#loop;
    loop._running = true;
    markRunning(loop, true);
    const prev = swapRunningLoop(loop);
    this.#inBatch = true;
    // The host cannot do anything while runSync runs: no host promise can settle.
    this.#idleInfo.hostIdle = true;
    try {
      const hk = loop._hkBeforeRun;
      if (hk !== null) fireHook(loop, hk, 'beforeRun', loop);
      this.#iterate(true);
    } finally {
      this.#idleInfo.hostIdle = false;
      this.#inBatch = false;
      this.#idleTimeout = null;
      try {
        const hk = loop._hkAfterRun;
        if (hk !== null) fireHook(loop, hk, 'afterRun', loop);
      } finally {
        swapRunningLoop(prev);
        loop._running = false;
        loop._stopping = false;
        markRunning(loop, false);
      }
    }
  }

  /** Wakes an idle loop from the host (a microtask, or a macrotask past the slice). */
  wake(): void {
    if (this.#wakeScheduled) return;
    this.#wakeScheduled = true;
    this.#loop._idle = false;
    if (hostNow() - this.#sliceStart >= SLICE_MS) scheduleMacrotask(this.#driveFromHost);
    else queueMicrotask(this.#driveFromMicrotask);
  }

  /**
   * The host has no work left (the process is about to exit). If the loop is waiting
   * with a timer its clock holds back for pending host promises, those promises can now
   * only settle through the loop's own progress: run a batch in which the clock may
   * move on. Returns `false` when nothing can ever happen again (nothing ready, no
   * timer the clock will reach, no host work): a deadlock, for the caller to report.
   */
  hostIdle(): boolean {
    const loop = this.#loop;
    if (!loop._running || this.#inBatch || !loop._idle || this.#wakeScheduled) return true;
    if (loop._readyCount() > 0) return true;
    const before = loop._clock.now();
    const deadline = loop._nextDeadline();
    if (deadline === Number.POSITIVE_INFINITY) return false;
    this.#idleInfo.hostIdle = true;
    try {
      this.#runBatch();
    } finally {
      this.#idleInfo.hostIdle = false;
    }
    // Progress: the clock moved, work became ready, or the run ended.
    return !loop._running || !loop._idle || loop._clock.now() !== before;
  }

  /**
   * Ends the run with `error` (the run's promise rejects with it), as when an iteration
   * throws. For the runner, which detects deadlocks.
   */
  fail(error: unknown): void {
    const onFailed = this.#onFailed;
    if (!this.#loop._running || onFailed === null) return;
    this.#end();
    onFailed(error);
  }

  /** Cancels the host timer, if one is armed (when the loop closes). */
  clearHostTimer(): void {
    if (this.#hostTimerSet) {
      this.#hostTimerSet = false;
      this.#loop._clock.clearTimer(this.#hostTimer);
      this.#hostTimer = undefined;
    }
  }

  #end(): void {
    const loop = this.#loop;
    this.#idleTimeout = null;
    const hk = loop._hkAfterRun;
    if (hk !== null) {
      const prev = swapRunningLoop(loop);
      try {
        fireHook(loop, hk, 'afterRun', loop);
      } finally {
        swapRunningLoop(prev);
      }
    }
    loop._running = false;
    loop._stopping = false;
    loop._idle = false;
    markRunning(loop, false);
    this.clearHostTimer();
    this.#onStopped = null;
    this.#onFailed = null;
  }

  /** One batch of iterations, from the host. */
  #runBatch(): void {
    this.#wakeScheduled = false;
    const loop = this.#loop;
    if (this.#inBatch || !loop._running) return;
    this.clearHostTimer();
    loop._idle = false;
    const prev = swapRunningLoop(loop);
    this.#inBatch = true;
    let stopped = false;
    let failed = false;
    let error: unknown;
    try {
      const waited = this.#idleTimeout;
      if (waited !== null) {
        this.#idleTimeout = null;
        const hk = loop._hkAfterIdle;
        if (hk !== null) fireHook(loop, hk, 'afterIdle', waited);
      }
      stopped = this.#iterate(false);
    } catch (e) {
      failed = true;
      error = e;
    } finally {
      this.#inBatch = false;
      swapRunningLoop(prev);
    }
    if (stopped || failed) {
      const onStopped = this.#onStopped;
      const onFailed = this.#onFailed;
      this.#end();
      if (failed) onFailed?.(error);
      else onStopped?.();
    }
  }

  /**
   * Runs iterations until the loop stops (returns true) or must wait for the host
   * (returns false, having armed a wake-up). `sync`: never return to the host; throw a
   * {@link LoopStuckError} instead.
   */
  #iterate(sync: boolean): boolean {
    const loop = this.#loop;
    const clock = loop._clock;
    const sliceEnd = this.#sliceStart + SLICE_MS;
    let n = 0;
    for (;;) {
      loop._runOnce();
      if (loop._stopping) return true;
      if (!sync && (++n & CHECK_MASK) === 0 && hostNow() >= sliceEnd) {
        this.#wakeScheduled = true;
        scheduleMacrotask(this.#driveFromHost);
        return false;
      }
      const idleHooks = loop._hkBeforeIdle !== null || loop._hkAfterIdle !== null;
      if (loop._readyCount() > 0) {
        if (idleHooks) this.#idleHooks(0, true);
        continue;
      }
      const deadline = loop._nextDeadline();
      if (deadline === Number.POSITIVE_INFINITY) {
        if (sync) throw new LoopStuckError('idle', deadline, loop._hostPending);
        if (idleHooks) this.#idleHooks(deadline, false);
        loop._idle = true;
        return false;
      }
      const timeout = deadline - clock.now();
      if (timeout <= 0) {
        if (idleHooks) this.#idleHooks(0, true);
        continue;
      }
      if (clock.advanceIdle !== undefined) {
        const info = this.#idleInfo;
        info.hostPending = loop._hostPending;
        if (idleHooks) this.#idleHooks(timeout, false);
        if (clock.advanceIdle(deadline, info as IdleInfo)) {
          if (idleHooks) this.#idleHooks(timeout, true, false);
          continue;
        }
      } else if (idleHooks && !sync) {
        this.#idleHooks(timeout, false);
      }
      if (sync) throw new LoopStuckError('timer', deadline, loop._hostPending);
      this.#hostTimer = clock.setTimer(deadline, this.#driveFromHost);
      this.#hostTimerSet = true;
      loop._idle = true;
      return false;
    }
  }

  /**
   * Tells the idle hooks about a wait of `timeoutMs`: `beforeIdle` (unless `before` is
   * false), then `afterIdle` now when the wait is over at once (`over`), or when the
   * host wakes the loop.
   */
  #idleHooks(timeoutMs: number, over: boolean, before = true): void {
    const loop = this.#loop;
    if (before) {
      const hk = loop._hkBeforeIdle;
      if (hk !== null) fireHook(loop, hk, 'beforeIdle', timeoutMs);
    }
    if (over) {
      this.#idleTimeout = null;
      const hk = loop._hkAfterIdle;
      if (hk !== null) fireHook(loop, hk, 'afterIdle', timeoutMs);
    } else {
      this.#idleTimeout = timeoutMs;
    }
  }
}
