/**
 * loopScheduler: an RxJS scheduler on an aio loop's clock and timers.
 *
 * @module
 */

import { EventLoop, type TimerHandle } from '@aio/core';
import { type SchedulerAction, type SchedulerLike, Subscription } from 'rxjs';
import { describe } from '../internal/describe';
import { runningLoop } from '../internal/loops';

// One scheduler per loop.
const schedulers = new WeakMap<EventLoop, LoopScheduler>();

/**
 * An RxJS `SchedulerLike` that runs on an aio loop: `now()` is `loop.time()` and
 * every action runs as a loop timer (`loop.callAt`). Pass it to RxJS's time
 * operators (`delay`, `debounceTime`, `throttleTime`, `interval`, `timer`,
 * `timeout`, `bufferTime`, …) and they run on the loop's clock — on a
 * `VirtualClock`, without waiting.
 *
 * Actions behave as on RxJS's `asyncScheduler`:
 * - an action runs once, in the loop iteration where its timer is due; timers with
 *   the same deadline run in the order they were scheduled;
 * - an action that reschedules itself from its own work with the same delay is a
 *   **periodic action**: the same action object is reused and its period is kept
 *   from its previous deadline (as `setInterval` does), so `interval(1000)` ticks at
 *   exactly 1000, 2000, 3000, … on a virtual clock;
 * - rescheduling replaces the pending timer; unsubscribing cancels it;
 * - a negative delay counts as 0; a delay of `Infinity` never runs;
 * - an error thrown by an action's work closes that action and goes to the loop's
 *   exception handler (the loop keeps running), where `asyncScheduler` would
 *   throw it from a host timer.
 *
 * @param loop the loop (default: the running loop).
 * @throws Error outside a running loop when no `loop` is given; TypeError for a
 * `loop` that is not an EventLoop.
 * @example
 * ```ts
 * import { run, type Coro } from '@aio/core';
 * import { fromObservable, loopScheduler } from '@aio/interop/rxjs';
 * import { interval, take, toArray } from 'rxjs';
 *
 * function* main(): Coro<number[]> {
 *   // Ticks at loop.time() + 10, + 20, + 30 (on a VirtualClock: exactly, at once).
 *   const ticks = interval(10, loopScheduler()).pipe(take(3), toArray());
 *   return yield* fromObservable(ticks);
 * }
 * console.log(await run(main())); // → [0,1,2]
 * ```
 */
export function loopScheduler(loop?: EventLoop): SchedulerLike {
  let target = loop;
  if (target === undefined) {
    target = runningLoop();
    if (target === undefined) {
      throw new Error(
        'loopScheduler(): no running event loop: call it from a coroutine or a loop ' +
          'callback, or pass the loop: loopScheduler(loop)',
      );
    }
  } else if (!(target instanceof EventLoop)) {
    throw new TypeError(`loopScheduler(): loop must be an aio EventLoop, got ${describe(loop)}`);
  }
  let scheduler = schedulers.get(target);
  if (scheduler === undefined) {
    scheduler = new LoopScheduler(target);
    schedulers.set(target, scheduler);
  }
  return scheduler;
}

type Work<T> = (this: SchedulerAction<T>, state?: T) => void;

/** The scheduler: a clock reading and an action factory. */
class LoopScheduler implements SchedulerLike {
  readonly #loop: EventLoop;

  constructor(loop: EventLoop) {
    this.#loop = loop;
  }

  now(): number {
    return this.#loop.time();
  }

  schedule<T>(work: Work<T>, delay?: number, state?: T): Subscription {
    return new LoopAction<T>(this.#loop, work).schedule(state, delay);
  }

  toString(): string {
    return `<loopScheduler ${String(this.#loop)}>`;
  }
}

/**
 * One scheduled piece of work. Invariant: `#timer` is the pending loop timer of
 * the action, or `null` when it is not scheduled (never run, ran, or closed).
 */
class LoopAction<T> extends Subscription implements SchedulerAction<T> {
  readonly #loop: EventLoop;
  #work: Work<T> | null;
  #state: T | undefined = undefined;
  #timer: TimerHandle | null = null;
  #delay = 0;
  #deadline = 0;
  /** The deadline of the run in progress, or NaN outside the action's own work. */
  #runningAt = Number.NaN;

  constructor(loop: EventLoop, work: Work<T>) {
    super();
    this.#loop = loop;
    this.#work = work;
  }

  schedule(state?: T, delay?: number): Subscription {
    if (this.closed) return this;
    this.#state = state;
    const d = typeof delay === 'number' && delay > 0 ? delay : 0;
    const timer = this.#timer;
    if (timer !== null) {
      this.#timer = null;
      timer.cancel();
    }
    if (d === Number.POSITIVE_INFINITY) return this;
    // Rescheduled from its own work with the same delay: a periodic action keeps
    // its period (setInterval's behaviour, which RxJS's AsyncAction relies on).
    const periodic = !Number.isNaN(this.#runningAt) && d === this.#delay;
    const deadline = periodic ? this.#runningAt + d : this.#loop.time() + d;
    this.#delay = d;
    this.#deadline = deadline;
    this.#timer = this.#loop.callAt(deadline, this.#execute);
    return this;
  }

  override unsubscribe(): void {
    if (this.closed) return;
    const timer = this.#timer;
    this.#timer = null;
    timer?.cancel();
    this.#work = null;
    this.#state = undefined;
    super.unsubscribe();
  }

  readonly #execute = (): void => {
    this.#timer = null;
    const work = this.#work;
    if (this.closed || work === null) return;
    this.#runningAt = this.#deadline;
    try {
      work.call(this, this.#state);
    } catch (e) {
      this.unsubscribe();
      throw e;
    } finally {
      this.#runningAt = Number.NaN;
    }
  };
}
