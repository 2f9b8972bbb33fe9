/**
 * The coroutines behind `Queue.get()` and `Queue.put()`, written by hand.
 *
 * Why not generator functions: a queue operation usually completes without waiting,
 * and creating a generator object costs about as much as the rest of the operation
 * put together (1 producer / 1 consumer through a `Queue(100)` is dominated by it).
 * These small objects implement the generator protocol the task drives (`next`,
 * `throw`, `return`) and inherit from `%GeneratorPrototype%`, so they are coroutines
 * for every purpose (`createTask(q.get())`, `waitFor(q.get(), ms)`). Their specification
 * is the plain generators `getSpec` / `putSpec` in `coroutineOps.reference.testutil.ts`
 * (in short: while the queue is empty, park on a waiter; if the wait ends by an error
 * or by `return()`, leave the queue and pass an unused wake-up on); one behaviour suite
 * (`coroutineOps.test.ts`) runs against both.
 *
 * @internal
 * @module
 */

import { adoptGeneratorPrototype, awaitError, started, watchUnstarted } from './coroutineOp';
import type { Future } from './future';
import type { Suspension } from './types';
import type { WaiterQueue } from './waiters';

/** The part of a Queue the operations use. @internal */
export interface QueueCore<T> {
  empty(): boolean;
  full(): boolean;
  getNowait(): T;
  putNowait(item: T): void;
  _shutDownError(op: string): Error;
  _newWaiter(side: 'get' | 'put'): Future<void>;
  readonly _getters: WaiterQueue<Future<void>>;
  readonly _putters: WaiterQueue<Future<void>>;
  readonly _isShutdown: boolean;
}

type Step<T> = IteratorResult<Suspension | undefined, T>;

const STARTED = 0;
const WATCHED = 3; // not started yet, and watched until it starts (debug mode)
const WAITING = 1;
const FINISHED = 2;

/** Wakes the first waiter that is not done yet, dropping the ones before it. @internal */
export function wakeUpNext(waiters: WaiterQueue<Future<void>>): void {
  while (waiters.size > 0) {
    const w = waiters.shift() as Future<void>;
    if (!w.done()) {
      w.setResult(undefined);
      return;
    }
  }
}

/**
 * `Queue.get()` (with `putting` false) or `Queue.put(item)`. One flat class with plain
 * assignments in the constructor: creating it must stay cheaper than a generator.
 *
 * @internal
 */
class QueueOpImpl<T> {
  declare _queue: QueueCore<T>;
  declare _putting: boolean;
  declare _item: T | undefined;
  declare _state: 0 | 1 | 2 | 3;
  declare _waiter: Future<void> | null;
  declare _ticket: number;

  constructor(queue: QueueCore<T>, putting: boolean, item: T | undefined) {
    this._queue = queue;
    this._putting = putting;
    this._item = item;
    this._state = STARTED;
    this._waiter = null;
    this._ticket = 0;
    if (watchUnstarted(this, putting ? 'Queue.put()' : 'Queue.get()')) this._state = WATCHED;
  }

  /** `await q.get()` is a mistake: it throws, saying so. */
  // biome-ignore lint/suspicious/noThenProperty: `await` on a coroutine is refused with a TypeError.
  then(): never {
    throw awaitError(this._putting ? 'Queue.put()' : 'Queue.get()');
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(_value?: unknown): Step<T | undefined> {
    if (this._state === FINISHED) return { done: true, value: undefined };
    if (this._state === WATCHED) {
      started(this);
      this._state = STARTED;
    }
    const w = this._waiter;
    if (w !== null) {
      // Resumed: finish `yield* waiter` (throws if the waiter was cancelled).
      let r: IteratorResult<Suspension, void>;
      try {
        r = w.next();
      } catch (e) {
        this._giveUp();
        throw e;
      }
      if (!r.done) return r;
      this._waiter = null;
    }
    const q = this._queue;
    if (this._putting) {
      if (q.full()) return this._wait('put');
      this._state = FINISHED;
      const item = this._item as T;
      this._item = undefined;
      q.putNowait(item); // throws QueueShutDown if shut down
      return { done: true, value: undefined };
    }
    if (q.empty()) return this._wait('get');
    this._state = FINISHED;
    return { done: true, value: q.getNowait() };
  }

  throw(e: unknown): Step<T | undefined> {
    if (this._state === WATCHED) started(this);
    if (this._state === WAITING) this._giveUp();
    this._state = FINISHED;
    throw e;
  }

  return(value?: T): Step<T | undefined> {
    if (this._state === WATCHED) started(this);
    if (this._state === WAITING) this._giveUp();
    this._state = FINISHED;
    return { done: true, value };
  }

  /** Suspends on a new waiter future (the `yield* waiter` of the specification). */
  _wait(op: 'get' | 'put'): Step<T | undefined> {
    const q = this._queue;
    if (q._isShutdown) {
      this._state = FINISHED;
      throw q._shutDownError(op);
    }
    const waiter = q._newWaiter(op);
    this._waiter = waiter;
    this._ticket = (this._putting ? q._putters : q._getters).push(waiter);
    this._state = WAITING;
    return waiter.next() as Step<T | undefined>;
  }

  /** Stops waiting; a wake-up this operation got but will not use goes to the next one. */
  _giveUp(): void {
    const waiter = this._waiter as Future<void>;
    const q = this._queue;
    this._waiter = null;
    this._state = FINISHED;
    waiter.cancel(); // in case it is not done yet
    const waiters = this._putting ? q._putters : q._getters;
    waiters.remove(this._ticket, waiter); // unless a wake-up or shutdown took it out
    const ready = this._putting ? !q.full() : !q.empty();
    if (ready && !waiter.cancelled()) wakeUpNext(waiters);
  }
}

/** @internal */
export const QueueOp = /* @__PURE__ */ adoptGeneratorPrototype(QueueOpImpl);
/** @internal */
export type QueueOp<T> = QueueOpImpl<T>;
