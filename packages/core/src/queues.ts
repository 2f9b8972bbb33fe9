/**
 * Queue, PriorityQueue and LifoQueue: asyncio's queues. The subclasses override only
 * the three storage template methods (`_init`, `_put`, `_get`), as asyncio's do.
 *
 * @module
 */

import { libraryCoro } from './coroutineOp';
import type { LoopInternals } from './events';
import { QueueEmpty, QueueFull, QueueShutDown } from './exceptions';
import { type Future, NO_TASKS, type WaitParts } from './future';
import { ParkedFuture, ParkingLot } from './parking';
import { type Less, defaultCompare, heapPop, heapPush } from './heap';
import { RingQueue } from './ringQueue';
import { QueueOp, wakeUpNext } from './queueOps';
import { peekRunningLoop } from './runningLoop';
import type { AioIterator, Coro } from './types';
import { WaiterQueue, bindLoop } from './waiters';

/**
 * What {@link Queue.statistics} reports.
 *
 * @example
 * ```ts
 * const { size, gettersWaiting, puttersWaiting } = queue.statistics();
 * ```
 */
export interface QueueStatistics {
  /** Items in the queue (`qsize()`). */
  size: number;
  /** The capacity (`0` or less: unbounded). */
  maxsize: number;
  /** Tasks blocked in `get()`. */
  gettersWaiting: number;
  /** Tasks blocked in `put()`. */
  puttersWaiting: number;
  /** Items put and not yet marked done with `taskDone()` (what `join()` waits for). */
  unfinishedTasks: number;
  /** Whether `shutdown()` was called. */
  isShutdown: boolean;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

function checkMaxsize(maxsize: unknown): number {
  if (typeof maxsize !== 'number') {
    throw new TypeError(`Queue(): maxsize must be a number, got ${typeof maxsize}`);
  }
  if (!Number.isInteger(maxsize) && maxsize !== Number.POSITIVE_INFINITY) {
    throw new RangeError(`Queue(): maxsize must be an integer (0 for unbounded), got ${maxsize}`);
  }
  return maxsize;
}

/**
 * A FIFO queue for producer and consumer tasks, like asyncio's `Queue`.
 *
 * With `maxsize > 0`, `put()` waits while the queue is full (back-pressure); with
 * `maxsize <= 0` (the default) or `Infinity` it is unbounded. Blocked getters and
 * putters are served in FIFO order; a getter (or putter) that is woken and then
 * cancelled passes its turn on, so no item and no free slot is lost.
 *
 * `join()` waits until every item put has been marked done with `taskDone()`.
 * `shutdown()` (asyncio 3.13) stops the queue: `put()` throws `QueueShutDown` at once,
 * `get()` once the queue is drained; `shutdown(true)` also drops the remaining items.
 *
 * Consume it until shut down from a coroutine with {@link iter}, or from native async
 * code with `for await (const item of queue)`.
 *
 * @example
 * ```ts
 * const queue = new Queue<number>(10);
 * function* producer(): Coro<void> {
 *   for (let i = 0; i < 100; i++) yield* queue.put(i);
 *   queue.shutdown();
 * }
 * function* consumer(): Coro<number> {
 *   let sum = 0;
 *   const it = queue.iter();
 *   for (let r = yield* it.next(); !r.done; r = yield* it.next()) sum += r.value;
 *   return sum;
 * }
 * ```
 */
export class Queue<T> {
  /**
   * The storage; `_init` creates it and `_put`/`_get` use it. Its `length` is
   * `qsize()`. Subclasses redeclare its type.
   */
  protected _queue!: { readonly length: number };
  readonly #maxsize: number;
  /** @internal blocked getters */ readonly _getters = new WaiterQueue<Future<void>>();
  /** @internal blocked putters */ readonly _putters = new WaiterQueue<Future<void>>();
  /** @internal whether shutdown() was called */ _isShutdown = false;
  #unfinished = 0;
  // The tasks in join(): woken when the count of unfinished items reaches zero.
  readonly #joiners = new ParkingLot<boolean>(this, 'join');
  #loop: LoopInternals | undefined = undefined;
  /** Native `for await` consumers waiting while no loop is known (see asyncIterator). */
  #hostWaiters: Array<() => void> | null = null;

  /**
   * A queue holding at most `maxsize` items (`0` or less, or `Infinity`: unbounded).
   *
   * @throws TypeError if `maxsize` is not a number; RangeError if it is not an integer.
   * @example
   * ```ts
   * const jobs = new Queue<string>(100);
   * ```
   */
  constructor(maxsize = 0) {
    this.#maxsize = checkMaxsize(maxsize);
    this._init(maxsize);
  }

  /**
   * Creates the storage (template method: a subclass overrides `_init`, `_put` and
   * `_get` together, as `PriorityQueue` and `LifoQueue` do).
   *
   * @example
   * ```ts
   * class RandomQueue<T> extends Queue<T> {
   *   declare protected _queue: T[];
   *   protected override _init(): void { this._queue = []; }
   *   protected override _put(item: T): void { this._queue.push(item); }
   *   protected override _get(): T {
   *     const i = Math.floor(Math.random() * this._queue.length);
   *     return this._queue.splice(i, 1)[0] as T;
   *   }
   * }
   * ```
   */
  protected _init(_maxsize: number): void {
    this._queue = new RingQueue<T>();
  }

  /** Adds an item to the storage (template method; see {@link _init}). */
  protected _put(item: T): void {
    (this._queue as RingQueue<T>).push(item);
  }

  /** Takes the next item out of the non-empty storage (template method; see {@link _init}). */
  protected _get(): T {
    return (this._queue as RingQueue<T>).shift() as T;
  }

  /**
   * The capacity given to the constructor (`0` or less: unbounded).
   *
   * @example
   * ```ts
   * new Queue(10).maxsize; // 10
   * ```
   */
  get maxsize(): number {
    return this.#maxsize;
  }

  /**
   * How many items are in the queue.
   *
   * @example
   * ```ts
   * queue.qsize(); // 3
   * ```
   */
  qsize(): number {
    return this._queue.length;
  }

  /**
   * Whether the queue holds no item.
   *
   * @example
   * ```ts
   * if (!queue.empty()) console.log(queue.getNowait());
   * ```
   */
  empty(): boolean {
    return this._queue.length === 0;
  }

  /**
   * Whether the queue holds `maxsize` items (never, for an unbounded queue).
   *
   * @example
   * ```ts
   * if (!queue.full()) queue.putNowait(x);
   * ```
   */
  full(): boolean {
    const max = this.#maxsize;
    return max > 0 && this._queue.length >= max;
  }

  /**
   * Puts `item` in the queue, first waiting for a free slot while it is full.
   * Cancelled while waiting: throws `CancelledError` and puts nothing (a free slot
   * it was offered goes to the next putter).
   *
   * @throws QueueShutDown if the queue is shut down (also while waiting).
   * @example
   * ```ts
   * yield* queue.put(job);
   * ```
   */
  put(item: T): Coro<void> {
    return new QueueOp<T>(this, true, item) as unknown as Coro<void>;
  }

  /**
   * Puts `item` in the queue without waiting.
   *
   * @throws QueueShutDown if the queue is shut down; QueueFull if it is full.
   * @example
   * ```ts
   * queue.putNowait(job);
   * ```
   */
  putNowait(item: T): void {
    if (this._isShutdown) throw shutDown('putNowait');
    if (this.full())
      throw new QueueFull(`Queue.putNowait(): the queue is full (maxsize ${this.#maxsize})`);
    this._put(item);
    this.#unfinished++;
    wakeUpNext(this._getters);
    if (this.#hostWaiters !== null) this.#wakeHostWaiters();
  }

  /**
   * Takes the next item out of the queue, first waiting for one while it is empty.
   * Cancelled while waiting: throws `CancelledError` and takes nothing (an item it
   * was woken for goes to the next getter).
   *
   * @throws QueueShutDown if the queue is shut down and empty (or was shut down with
   * `immediate`), also while waiting.
   * @example
   * ```ts
   * const job = yield* queue.get();
   * ```
   */
  get(): Coro<T> {
    return new QueueOp<T>(this, false, undefined) as unknown as Coro<T>;
  }

  /**
   * Takes the next item out of the queue without waiting.
   *
   * @throws QueueEmpty if the queue is empty; QueueShutDown if it is empty and shut down.
   * @example
   * ```ts
   * try {
   *   handle(queue.getNowait());
   * } catch (e) {
   *   if (!(e instanceof QueueEmpty)) throw e;
   * }
   * ```
   */
  getNowait(): T {
    if (this.empty()) {
      if (this._isShutdown) throw shutDown('getNowait');
      throw new QueueEmpty('Queue.getNowait(): the queue is empty');
    }
    const item = this._get();
    wakeUpNext(this._putters);
    return item;
  }

  /**
   * Marks one item taken out of the queue as processed; when every item put is
   * processed, `join()` returns.
   *
   * @throws RangeError if called more times than items were put.
   * @example
   * ```ts
   * const job = yield* queue.get();
   * try {
   *   yield* handle(job);
   * } finally {
   *   queue.taskDone();
   * }
   * ```
   */
  taskDone(): void {
    if (this.#unfinished <= 0) {
      throw new RangeError('Queue.taskDone(): called more times than there were items put');
    }
    if (--this.#unfinished === 0) this.#joiners.unparkAll(true);
  }

  /**
   * Waits until every item put in the queue has been marked done with `taskDone()`.
   *
   * @example
   * ```ts
   * yield* queue.join(); // all work is done
   * ```
   */
  join(): Coro<void> {
    return libraryCoro(this.#join(), 'Queue.join()');
  }

  *#join(): Coro<void> {
    if (this.#unfinished > 0) yield* this.#joiners.park();
  }

  /**
   * Shuts the queue down (asyncio 3.13): `put()` and `putNowait()` throw
   * `QueueShutDown` from now on, and so do `get()` and `getNowait()` once the queue is
   * empty. Every blocked getter and putter wakes up (to throw, or to take a remaining
   * item). With `immediate`, the remaining items are dropped first (each counts as
   * done for `join()`), so getters throw at once.
   *
   * @example
   * ```ts
   * queue.shutdown();      // consumers drain what is left, then stop
   * queue.shutdown(true);  // consumers stop now
   * ```
   */
  shutdown(immediate = false): void {
    this._isShutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this.#unfinished > 0) this.#unfinished--;
      }
      if (this.#unfinished === 0) this.#joiners.unparkAll(true);
    }
    // Every blocked getter and putter re-checks the state (and throws QueueShutDown).
    wakeUpAll(this._getters);
    wakeUpAll(this._putters);
    this.#wakeHostWaiters();
  }

  /**
   * A coroutine-friendly iterator that takes items with `get()` until the queue is shut
   * down and drained, then reports `{ done: true }` (instead of throwing
   * `QueueShutDown`). `return()` stops it early (the queue is left as it is).
   *
   * @example
   * ```ts
   * const it = queue.iter();
   * for (let r = yield* it.next(); !r.done; r = yield* it.next()) {
   *   console.log(r.value);
   * }
   * ```
   */
  iter(): AioIterator<T> {
    const queue = this;
    let finished = false;
    function* next(): Coro<IteratorResult<T, undefined>> {
      if (finished) return DONE;
      try {
        return { done: false, value: yield* queue.get() };
      } catch (e) {
        if (!(e instanceof QueueShutDown)) throw e;
        finished = true;
        return DONE;
      }
    }
    function* close(): Coro<IteratorResult<T, undefined>> {
      finished = true;
      return DONE;
    }
    return {
      next: () => libraryCoro(next(), 'Queue.iter().next()'),
      return: () => libraryCoro(close(), 'Queue.iter().return()'),
    };
  }

  /**
   * Native async iteration (`for await (const item of queue)` in plain async code).
   * Each step takes an item at once if there is one; otherwise it runs a `get()` as a
   * task on the queue's loop (so it waits its turn among the coroutine getters) and
   * awaits it. Before any task has waited on the queue, the loop is not known yet:
   * the step then waits for the next `putNowait()` (or `put()`) or `shutdown()`.
   * Ends when the queue is shut down and drained.
   *
   * @example
   * ```ts
   * const done = loop.runUntilComplete(producer(queue));
   * for await (const item of queue) console.log(item);
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    const queue = this;
    let finished = false;
    return {
      async next(): Promise<IteratorResult<T, undefined>> {
        if (finished) return DONE;
        try {
          for (;;) {
            // An item (or the end) is known now: no need to go through the loop.
            if (!queue.empty() || queue._isShutdown) {
              return { done: false, value: queue.getNowait() };
            }
            const loop = queue.#loop ?? peekRunningLoop();
            if (loop !== null) return { done: false, value: await loop.createTask(queue.get()) };
            await new Promise<void>((resolve) => {
              (queue.#hostWaiters ??= []).push(resolve);
            });
          }
        } catch (e) {
          if (!(e instanceof QueueShutDown)) throw e;
          finished = true;
          return DONE;
        }
      },
      async return(): Promise<IteratorResult<T, undefined>> {
        finished = true;
        return DONE;
      },
    };
  }

  /**
   * A snapshot for diagnostics.
   *
   * @example
   * ```ts
   * queue.statistics();
   * // { size: 0, maxsize: 10, gettersWaiting: 2, puttersWaiting: 0, unfinishedTasks: 5, isShutdown: false }
   * ```
   */
  statistics(): QueueStatistics {
    return {
      size: this.qsize(),
      maxsize: this.#maxsize,
      gettersWaiting: this._getters.size,
      puttersWaiting: this._putters.size,
      unfinishedTasks: this.#unfinished,
      isShutdown: this._isShutdown,
    };
  }

  /** `<Queue maxsize=10 size=3 getters[1] tasks=3 shutdown>` */
  toString(): string {
    let s = `<${this.constructor.name} maxsize=${this.#maxsize}`;
    if (!this.empty()) s += ` size=${this.qsize()}`;
    if (this._getters.size > 0) s += ` getters[${this._getters.size}]`;
    if (this._putters.size > 0) s += ` putters[${this._putters.size}]`;
    if (this.#unfinished > 0) s += ` tasks=${this.#unfinished}`;
    if (this._isShutdown) s += ' shutdown';
    return `${s}>`;
  }

  /** @internal A waiter future on the queue's loop (binding it on first use). */
  _newWaiter(side: 'get' | 'put'): Future<void> {
    const loop = (this.#loop = bindLoop(this.#loop, this));
    return new ParkedFuture<void>(loop, this, side);
  }

  /** @internal What a task blocked in `get()` or `put()` waits on. */
  _waitParts(side: string): WaitParts {
    return {
      kind: side === 'put' ? 'queue-put' : side === 'join' ? 'queue-join' : 'queue-get',
      text: `${this.constructor.name}.${side} on ${this.toString()}`,
      blockers: NO_TASKS,
      target: this,
    };
  }

  /** @internal */
  _shutDownError(op: string): QueueShutDown {
    return shutDown(op);
  }

  /** Wakes the native consumers waiting for the queue's first use by a loop. */
  #wakeHostWaiters(): void {
    const waiters = this.#hostWaiters;
    if (waiters === null) return;
    this.#hostWaiters = null;
    for (const resolve of waiters) resolve();
  }
}

/**
 * A {@link Queue} that hands out the smallest item first (a binary heap, with
 * Python `heapq`'s order). Entries are usually `[priority, data]` arrays, compared
 * element by element like Python tuples; pass `compare` to order other values.
 *
 * @example
 * ```ts
 * const pq = new PriorityQueue<[number, string]>();
 * pq.putNowait([2, 'later']);
 * pq.putNowait([1, 'first']);
 * pq.getNowait(); // [1, 'first']
 * ```
 */
export class PriorityQueue<T> extends Queue<T> {
  declare protected _queue: T[];
  readonly #less: Less<T>;

  /**
   * A priority queue of at most `maxsize` items, ordered by `opts.compare` (negative:
   * `a` first), or by the default ordering of numbers, strings and arrays of them.
   *
   * @throws TypeError if `maxsize` is not a number or `compare` not a function;
   * RangeError if `maxsize` is not an integer.
   * @example
   * ```ts
   * const jobs = new PriorityQueue<Job>(0, { compare: (a, b) => a.deadline - b.deadline });
   * ```
   */
  constructor(maxsize = 0, opts?: { compare?: (a: T, b: T) => number }) {
    super(maxsize);
    const compare = opts?.compare ?? defaultCompare;
    if (typeof compare !== 'function') {
      throw new TypeError(`PriorityQueue(): compare must be a function, got ${typeof compare}`);
    }
    this.#less = (a, b) => compare(a, b) < 0;
  }

  protected override _init(_maxsize: number): void {
    this._queue = [];
  }

  protected override _put(item: T): void {
    heapPush(this._queue, item, this.#less);
  }

  protected override _get(): T {
    return heapPop(this._queue, this.#less);
  }
}

/**
 * A {@link Queue} that hands out the most recently added item first.
 *
 * @example
 * ```ts
 * const stack = new LifoQueue<number>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * stack.getNowait(); // 2
 * ```
 */
export class LifoQueue<T> extends Queue<T> {
  declare protected _queue: T[];

  protected override _init(_maxsize: number): void {
    this._queue = [];
  }

  protected override _put(item: T): void {
    this._queue.push(item);
  }

  protected override _get(): T {
    return this._queue.pop() as T;
  }
}

function shutDown(op: string): QueueShutDown {
  return new QueueShutDown(`Queue.${op}(): the queue is shut down`);
}

/** Wakes every waiter and empties the queue of waiters. */
function wakeUpAll(waiters: WaiterQueue<Future<void>>): void {
  while (waiters.size > 0) {
    const w = waiters.shift() as Future<void>;
    if (!w.done()) w.setResult(undefined);
  }
}
