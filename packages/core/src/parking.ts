/**
 * The parking lot: the one way a synchronisation primitive makes a task wait.
 *
 * Every primitive (`Lock`, `Semaphore`, `Event`, `Condition`, `Barrier`) waits the same
 * way: bind to the loop of the first task that has to wait, make a future, queue it,
 * `yield*` it, and take it out of the queue however the wait ends (woken, cancelled,
 * closed). Writing that sequence once per primitive is how lost wake-ups come back
 * (cpython#90155, cpython#112202), so it lives here, once, after Trio's `ParkingLot`.
 *
 * A lot knows nothing of the primitive's state: the primitive decides *whether* a task
 * must park and *whom* to unpark; the lot does the queueing. Its guarantees:
 *
 * - waiters are woken in the order they parked (FIFO);
 * - `unpark*` only wakes waiters that are still pending (one cancelled meanwhile is
 *   skipped), and wakes by completing the waiter's future, so the woken task runs in a
 *   later iteration, never synchronously;
 * - a parked task that leaves by an exception (a cancellation, most often) is out of
 *   the queue when `park()` throws, and the primitive's `onAbandon` hook learns whether
 *   it had been woken first — the wake-up it will not use is then the primitive's to
 *   pass on (a lock to its next waiter, a semaphore's permit back to the count).
 *
 * @internal
 * @module
 */

import type { LoopInternals } from './events';
import { CoreFuture, type Future, NO_TASKS, type WaitParts } from './future';
import type * as api from './types';
import type { Coro } from './types';
import { checkBody, checkBodyResult } from './validate';
import { WaiterQueue, bindLoop } from './waiters';

/**
 * A primitive that tasks wait on (a Lock, a Queue…): it says what a waiting task waits
 * for (`side` tells a Queue's getters from its putters).
 *
 * @internal
 */
export interface WaitTarget {
  _waitParts(side: string): WaitParts;
}

/**
 * What a task waiting on `target` waits on, when no task can be named as the blocker
 * (an event, a condition, a barrier, a semaphore, a queue: whoever will set, notify,
 * arrive, release or put is not known in advance).
 *
 * @internal
 */
export function waitingOn(kind: api.WaitKind, text: string, target: object): WaitParts {
  return { kind, text, blockers: NO_TASKS, target };
}

/**
 * The future a task waits on inside a primitive: it knows the primitive, so that
 * `describeWait` can say `Lock held by 'writer'` instead of `future <Future pending>`.
 *
 * @internal
 */
export class ParkedFuture<T> extends CoreFuture<T> {
  /** @internal */ readonly _target: WaitTarget;
  /** @internal */ readonly _side: string;
  constructor(loop: LoopInternals, target: WaitTarget, side: string) {
    super(loop._opts);
    this._target = target;
    this._side = side;
  }

  /** @internal */
  override _describeWait(): WaitParts {
    return this._target._waitParts(this._side);
  }
}

/**
 * Told, inside `park()`, that a parked task is leaving by an exception: `woken` says
 * whether it had been unparked first (its wake-up is then unused).
 *
 * @internal
 */
export type AbandonHook = (woken: boolean, error: unknown) => void;

/**
 * A FIFO of parked tasks for one primitive (see the module comment).
 *
 * @internal
 */
export class ParkingLot<T = boolean> {
  readonly #waiters = new WaiterQueue<Future<T>>();
  #loop: LoopInternals | undefined = undefined;
  readonly #owner: WaitTarget;
  readonly #side: string;
  // The state of one `unpark` call, read by #visit (made once: waking allocates nothing).
  #wantN = 0;
  #wokenN = 0;
  #value: T | undefined = undefined;
  readonly #visit = (fut: Future<T>): boolean => {
    if (!fut.done()) {
      fut.setResult(this.#value as T);
      this.#wokenN++;
    }
    return this.#wokenN >= this.#wantN;
  };

  /**
   * `owner`: the primitive, named in errors and in what a waiting task waits on; `side`
   * tells the owner which of its waits this lot is (a queue's `join`).
   */
  constructor(owner: WaitTarget, side = '') {
    this.#owner = owner;
    this.#side = side;
  }

  /** How many tasks are parked (including ones woken that have not run yet). */
  get size(): number {
    return this.#waiters.size;
  }

  /** The primitive this lot belongs to. */
  get owner(): WaitTarget {
    return this.#owner;
  }

  /**
   * Parks the current task until another one unparks it; evaluates to the value given
   * to `unpark`. If the wait ends by an exception (the task is cancelled), the task is
   * already out of the queue when `onAbandon` is called and the exception rethrown.
   *
   * @throws Error if the primitive is bound to another loop (a primitive belongs to the
   * loop that first waited on it, like asyncio's `_LoopBoundMixin`).
   */
  *park(onAbandon?: AbandonHook): Coro<T> {
    const loop = this.#bind();
    const fut = new ParkedFuture<T>(loop, this.#owner, this.#side);
    const waiters = this.#waiters;
    const ticket = waiters.push(fut);
    try {
      try {
        return yield* fut;
      } finally {
        waiters.remove(ticket, fut);
      }
    } catch (e) {
      onAbandon?.(fut.done() && !fut.cancelled(), e);
      throw e;
    }
  }

  /**
   * Wakes the task at the head of the queue if it is still pending (a lock's hand-over:
   * a head that is already woken, or cancelled and about to leave, is left alone).
   */
  unparkHead(value: T): boolean {
    const fut = this.#waiters.first();
    if (fut === undefined || fut.done()) return false;
    fut.setResult(value);
    return true;
  }

  /** Wakes the first parked task that is still pending; returns whether one was woken. */
  unparkOne(value: T): boolean {
    return this.unpark(1, value) === 1;
  }

  /** Wakes up to `n` parked tasks that are still pending, in FIFO order; returns how many. */
  unpark(n: number, value: T): number {
    if (n <= 0 || this.#waiters.size === 0) return 0;
    this.#wantN = n;
    this.#wokenN = 0;
    this.#value = value;
    this.#waiters.some(this.#visit);
    this.#value = undefined;
    return this.#wokenN;
  }

  /** Wakes every parked task that is still pending; returns how many. */
  unparkAll(value: T): number {
    return this.unpark(Number.POSITIVE_INFINITY, value);
  }

  /**
   * Whether a parked task still wants its turn: one that is not cancelled (a woken one
   * that has not run yet counts: the wake-up is reserved for it).
   */
  hasWaiter(): boolean {
    return this.#waiters.some(notCancelled);
  }

  /** The running loop, after checking that the primitive belongs to it. */
  #bind(): LoopInternals {
    const loop = bindLoop(this.#loop, this.#owner);
    this.#loop = loop;
    return loop;
  }
}

function notCancelled(fut: Future<unknown>): boolean {
  return !fut.cancelled();
}

/**
 * The scoped form of a lock-like primitive (asyncio's `async with lock:`): acquires,
 * runs `body`, and releases however the body ends (result, error or cancellation).
 * If the acquire itself throws (is cancelled), the body does not run.
 *
 * @throws TypeError (when started) if `body` is not a function returning a coroutine.
 * @internal
 */
export function* holding<R>(
  prim: { acquire(): Coro<unknown>; release(): void },
  body: () => Coro<R>,
  fn: string,
): Coro<R> {
  checkBody(body, fn, '() => Coro');
  yield* prim.acquire();
  try {
    return yield* checkBodyResult(body(), fn);
  } finally {
    prim.release();
  }
}
