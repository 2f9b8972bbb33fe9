/**
 * The public types of `@aio/core`: coroutines, and the family of Future, Task, Handle
 * and EventLoop, declared here as interfaces.
 *
 * Why interfaces: a future knows its loop (`getLoop()`) and a loop makes futures
 * (`createFuture()`), so their types refer to each other. Declaring the whole family in
 * this one module, which imports nothing of the engine, keeps every import in core
 * one-way, type imports included. The classes that implement them live in `future.ts`,
 * `task.ts`, `handles.ts` and `eventLoop.ts`, each exported as a constructor value of the
 * same name (the way `lib.d.ts` declares `Promise`): `new Future()`, `instanceof Task`
 * and `class MyLoop extends EventLoop` work as with any class.
 *
 * @module
 */

import type { Context } from './contextvars';

// ---- coroutines -------------------------------------------------------------------

declare const suspension: unique symbol;

/**
 * What a coroutine hands to its task when it awaits a future: an opaque token that only
 * `yield* future` produces. Declaring it (and not `Future`) as the yield type of
 * {@link Coro} makes the mistake `yield fut` (for `yield* fut`) a type error, while a
 * bare `yield` (give up one loop iteration) stays legal.
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   yield* fut; // fine: the token comes from yield*
 *   yield; // fine: one iteration
 *   // yield fut; // type error: a Future is not a Suspension
 * }
 * ```
 */
export interface Suspension {
  readonly [suspension]: true;
}

/**
 * A coroutine: the generator object that a generator function returns.
 * `yield* coro` runs it inline in the current task and evaluates to `T`.
 *
 * @example
 * ```ts
 * function* sayAfter(delay: number, what: string): Coro<void> {
 *   yield* sleep(delay);
 *   console.log(what);
 * }
 * ```
 */
export type Coro<T> = Generator<Suspension | undefined, T, unknown>;

/**
 * What `yield*` accepts: a future (or task) or a coroutine.
 *
 * @example
 * ```ts
 * function* twice(aw: Awaitable<number>): Coro<number> {
 *   return 2 * (yield* aw);
 * }
 * ```
 */
export type Awaitable<T> = Future<T> | Coro<T>;

/**
 * The result type of an awaitable (or of a native promise-like).
 *
 * @example
 * ```ts
 * type N = AwaitedOf<Task<number>>; // number
 * ```
 */
export type AwaitedOf<A> =
  A extends Future<infer T>
    ? T
    : A extends Generator<unknown, infer T, unknown>
      ? T
      : A extends PromiseLike<infer T>
        ? Awaited<T>
        : never;

/**
 * An iterator that a coroutine consumes: `const r = yield* it.next()`.
 * `return()` releases what the iterator holds (unsubscribes, closes the source).
 *
 * @example
 * ```ts
 * for (let r = yield* it.next(); !r.done; r = yield* it.next()) console.log(r.value);
 * ```
 */
export interface AioIterator<T> {
  /** The next item, or `{ done: true }` at the end. */
  next(): Coro<IteratorResult<T, undefined>>;
  /** Stops early and releases the source. */
  return(): Coro<IteratorResult<T, undefined>>;
}

// ---- options and callbacks ---------------------------------------------------------

/**
 * Options of `createTask`.
 *
 * @example
 * ```ts
 * createTask(fetchAll(), { name: 'fetch', eagerStart: true });
 * ```
 */
export interface TaskOptions {
  /** The task's name (default `Task-<n>`). */
  name?: string;
  /** The context the task runs in (default: a copy of the current one). */
  context?: Context;
  /** Run the first step synchronously, now, if the loop is running. */
  eagerStart?: boolean;
}

/**
 * A task factory: what `loop.createTask` calls instead of `new Task(...)` once set
 * with `loop.setTaskFactory(factory)`.
 *
 * @example
 * ```ts
 * loop.setTaskFactory((loop, coro, opts) => new Task(coro, { ...opts, loop }));
 * ```
 */
export type TaskFactory = <T>(loop: EventLoop, coro: Coro<T>, opts?: TaskOptions) => Task<T>;

/**
 * What the loop's exception handler receives.
 *
 * @example
 * ```ts
 * loop.setExceptionHandler((loop, ctx) => log(ctx.message, ctx.exception));
 * ```
 */
export interface ExceptionContext {
  /** What happened, in words. */
  message: string;
  /** The error, when there is one. */
  exception?: unknown;
  /** The future involved, when there is one. */
  future?: Future<unknown>;
  /** The task involved, when there is one. */
  task?: Task<unknown>;
  /** The callback handle involved, when there is one. */
  handle?: Handle;
  /** Anything else worth reporting. */
  [key: string]: unknown;
}

/**
 * A loop's exception handler: called with the loop and an {@link ExceptionContext}.
 *
 * @example
 * ```ts
 * const handler: ExceptionHandler = (loop, ctx) => console.warn(ctx.message);
 * ```
 */
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

// ---- clocks -----------------------------------------------------------------------

/**
 * What a loop tells its clock when it has nothing ready to run.
 *
 * @example
 * ```ts
 * const idle: IdleInfo = { hostPending: 0, hostIdle: false, loop };
 * ```
 */
export interface IdleInfo {
  /**
   * How many host operations the loop is waiting for (pending native Promises
   * wrapped by `wrapPromise`). They wake the loop themselves when they settle.
   */
  readonly hostPending: number;
  /**
   * `true` when the host has no work left (no timer, no I/O; `runSync` never returns
   * to it): a pending host promise can then only settle through the loop's own
   * progress, so a clock that holds time still for pending host promises should move
   * on now.
   */
  readonly hostIdle: boolean;
  /** The loop that is idle. */
  readonly loop: EventLoop;
}

/**
 * The time source and wake-up service of an {@link EventLoop}.
 *
 * A loop reads `now()` once per iteration and for `loop.time()`. When it has
 * nothing ready to run it first offers the clock the chance to move time itself
 * (`advanceIdle`, optional: a virtual clock jumps straight to the next timer);
 * if the clock declines, the loop asks to be woken at its earliest deadline
 * (`setTimer`) and returns control to the host.
 *
 * Contract:
 * - `now()` is monotonic (never decreases) and in milliseconds.
 * - `setTimer(deadline, wake)` calls `wake()` once, from the host, at or after the
 *   moment `now() >= deadline` — never synchronously inside `setTimer`. A wake that
 *   comes early is harmless: the loop re-arms.
 * - `clearTimer(token)` cancels a pending wake; clearing a fired or cleared token
 *   is a no-op.
 * - `advanceIdle(deadline, info)`, when present, either moves `now()` to at least
 *   `deadline` synchronously and returns `true`, or changes nothing and returns
 *   `false`. It is only called with a finite `deadline` greater than `now()`.
 *
 * @example
 * ```ts
 * // A clock that runs 10× faster than real time:
 * const fast: Clock = {
 *   now: () => realClock.now() * 10,
 *   setTimer: (deadline, wake) => realClock.setTimer(deadline / 10, wake),
 *   clearTimer: (token) => realClock.clearTimer(token),
 * };
 * await run(main(), { clock: fast });
 * ```
 */
export interface Clock {
  /** The current time in milliseconds. Monotonic. */
  now(): number;
  /**
   * Arranges for `wake()` to be called from the host once `now() >= deadline`.
   * Returns a token for {@link Clock.clearTimer}.
   */
  setTimer(deadline: number, wake: () => void): unknown;
  /** Cancels a wake-up arranged by {@link Clock.setTimer}. */
  clearTimer(token: unknown): void;
  /**
   * Optional: lets a clock that can move its own time (a virtual clock) jump to
   * `deadline` while the loop is idle. Returns `true` when `now()` has reached
   * `deadline`, so the loop goes on at once without returning to the host.
   */
  advanceIdle?(deadline: number, info: IdleInfo): boolean;
}

// ---- handles ----------------------------------------------------------------------

/**
 * A scheduled callback: what `callSoon` returns. `cancel()` stops it from running
 * (if it has not run yet).
 *
 * @example
 * ```ts
 * const h = loop.callSoon(() => console.log('never'));
 * h.cancel();
 * h.cancelled(); // true
 * ```
 */
export interface Handle {
  /**
   * Cancels the callback: it will not run. Drops the callback and its arguments
   * at once (outside debug mode), so a cancelled handle holds nothing.
   *
   * @example
   * ```ts
   * loop.callLater(1000, tick).cancel();
   * ```
   */
  cancel(): void;
  /**
   * Whether {@link Handle.cancel} was called.
   *
   * @example
   * ```ts
   * handle.cancelled(); // false until cancelled
   * ```
   */
  cancelled(): boolean;
  /** `<Handle cb(args)>`, `<Handle cancelled>` */
  toString(): string;
}

/**
 * A callback scheduled for a time: what `callLater` and `callAt` return. A cancelled
 * timer is removed from the loop lazily (its timer queue is compacted when cancelled timers
 * are more than half of at least 100).
 *
 * @example
 * ```ts
 * const h = loop.callLater(1000, () => console.log('one second'));
 * h.when(); // loop.time() + 1000 at the moment of scheduling
 * ```
 */
export interface TimerHandle extends Handle {
  /**
   * The time (on the loop's clock, in ms) at which the callback is due.
   *
   * @example
   * ```ts
   * loop.callAt(loop.time() + 50, f).when();
   * ```
   */
  when(): number;
}

/**
 * The constructor value `Handle`: for `instanceof` only (handles are made by the loop).
 *
 * @example
 * ```ts
 * loop.callSoon(f) instanceof Handle; // true
 * ```
 */
export interface HandleConstructor {
  readonly prototype: Handle;
}

/**
 * The constructor value `TimerHandle`: for `instanceof` only.
 *
 * @example
 * ```ts
 * loop.callLater(10, f) instanceof TimerHandle; // true
 * ```
 */
export interface TimerHandleConstructor {
  readonly prototype: TimerHandle;
}

// ---- futures and tasks --------------------------------------------------------------

/**
 * A result that will be available later, bound to one event loop. Awaited with
 * `yield* fut` in a coroutine (or `await fut` in native async code: it is
 * `PromiseLike`).
 *
 * State machine: pending → finished (a result or an exception) | cancelled, once.
 * Completing a future never calls its done-callbacks directly: they are queued on
 * the loop (`callSoon`), in the order they were added.
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const fut = getRunningLoop().createFuture<string>();
 *   getRunningLoop().callLater(100, () => fut.setResult('hi'));
 *   console.log(yield* fut); // 'hi' after 100 ms
 * }
 * ```
 */
export interface Future<T = unknown> extends PromiseLike<T> {
  /**
   * Whether the future is cancelled.
   *
   * @example
   * ```ts
   * fut.cancel();
   * fut.cancelled(); // true
   * ```
   */
  cancelled(): boolean;
  /**
   * Whether the future is done: it has a result, an exception, or was cancelled.
   *
   * @example
   * ```ts
   * fut.setResult(1);
   * fut.done(); // true
   * ```
   */
  done(): boolean;
  /**
   * The result. Throws the exception if one was set, a `CancelledError` if the
   * future was cancelled.
   *
   * @throws InvalidStateError if the future is pending.
   * @example
   * ```ts
   * fut.setResult(42);
   * fut.result(); // 42
   * ```
   */
  result(): T;
  /**
   * The exception set on the future, or `undefined` when it has a result.
   *
   * @throws CancelledError if the future was cancelled; InvalidStateError if it is pending.
   * @example
   * ```ts
   * fut.setException(new Error('boom'));
   * fut.exception(); // Error('boom')
   * ```
   */
  exception(): unknown;
  /**
   * Calls `cb(fut)` when the future is done, through the loop's `callSoon`, in the
   * order callbacks were added; if the future is already done, schedules it now.
   * The callback runs in `opts.context`, or in (a copy of) the current context.
   *
   * @throws TypeError if `cb` is not a function.
   * @example
   * ```ts
   * fut.addDoneCallback((f) => console.log('done:', f.result()));
   * ```
   */
  addDoneCallback(cb: (fut: Future<T>) => unknown, opts?: { context?: Context }): void;
  /**
   * Removes every registration of `cb`; returns how many were removed.
   *
   * @example
   * ```ts
   * fut.addDoneCallback(log);
   * fut.removeDoneCallback(log); // 1
   * ```
   */
  removeDoneCallback(cb: (fut: Future<T>) => unknown): number;
  /**
   * Completes the future with `value` and schedules its callbacks.
   *
   * @throws InvalidStateError if the future is already done.
   * @example
   * ```ts
   * fut.setResult('ok');
   * ```
   */
  setResult(value: T): void;
  /**
   * Completes the future with an exception and schedules its callbacks.
   *
   * @throws InvalidStateError if the future is already done; TypeError if
   * `exception` is undefined.
   * @example
   * ```ts
   * fut.setException(new Error('boom'));
   * ```
   */
  setException(exception: unknown): void;
  /**
   * Cancels the future and schedules its callbacks. Returns `false` if it was
   * already done.
   *
   * @example
   * ```ts
   * fut.cancel('no longer needed'); // true
   * ```
   */
  cancel(msg?: string): boolean;
  /**
   * The loop the future is bound to.
   *
   * @example
   * ```ts
   * fut.getLoop() === getRunningLoop();
   * ```
   */
  getLoop(): EventLoop;
  /**
   * Makes `yield* fut` work: suspends the task until the future is done, then
   * evaluates to its result (or throws). A done future does not suspend.
   *
   * @example
   * ```ts
   * const value = yield* fut;
   * ```
   */
  [Symbol.iterator](): Iterator<Suspension, T, unknown>;
  /**
   * Promise interop: settles like the future (a cancelled future rejects with
   * `CancelledError`). Works in plain `async` code: `await fut`.
   *
   * @example
   * ```ts
   * const task = loop.createTask(main());
   * const done = loop.runUntilComplete(task);
   * console.log(await task);
   * ```
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
  /** `<Future pending>`, `<Future finished result=1>`, `<Future cancelled>` */
  toString(): string;
}

/**
 * The constructor value `Future`.
 *
 * @example
 * ```ts
 * const fut = new Future<number>({ loop });
 * fut instanceof Future; // true
 * ```
 */
export interface FutureConstructor {
  /**
   * A pending future bound to `opts.loop`, or to the running loop.
   *
   * @throws Error when there is no `loop` and no running loop; TypeError when
   * `opts.loop` is not an aio EventLoop.
   */
  new <T = unknown>(opts?: { loop?: EventLoop }): Future<T>;
  readonly prototype: Future<unknown>;
}

/**
 * A coroutine running on an event loop. Created with `createTask(coro)` (or
 * `loop.createTask`); its first step runs in the next loop iteration unless it is
 * started eagerly. `yield* task` waits for it and evaluates to its result.
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const task = createTask(sayAfter(1000, 'hello'), { name: 'greeter' });
 *   yield* task; // 'hello' after one second
 * }
 * ```
 */
export interface Task<T = unknown> extends Future<T> {
  /**
   * The task's name (`Task-<n>` unless one was given).
   *
   * @example
   * ```ts
   * createTask(main(), { name: 'main' }).getName(); // 'main'
   * ```
   */
  getName(): string;
  /**
   * Renames the task.
   *
   * @example
   * ```ts
   * task.setName('fetcher');
   * ```
   */
  setName(name: string): void;
  /**
   * The coroutine the task drives.
   *
   * @example
   * ```ts
   * task.getCoro();
   * ```
   */
  getCoro(): Coro<T>;
  /**
   * The context the task runs in.
   *
   * @example
   * ```ts
   * task.getContext().get(requestId);
   * ```
   */
  getContext(): Context;
  /**
   * Requests cancellation: the future the task waits on is cancelled, and a
   * `CancelledError` (with `msg`) is thrown into the coroutine at its `yield*`.
   * A task that catches it and carries on finishes normally. Returns `false` if
   * the task is already done. Each call counts in {@link Task.cancelling}.
   *
   * @example
   * ```ts
   * task.cancel('shutting down');
   * ```
   */
  cancel(msg?: string): boolean;
  /**
   * How many cancellation requests are pending (`cancel()` calls not yet
   * matched by `uncancel()`).
   *
   * @example
   * ```ts
   * task.cancel();
   * task.cancelling(); // 1
   * ```
   */
  cancelling(): number;
  /**
   * Decrements the count of cancellation requests and returns it. At zero, a
   * cancellation that has not been delivered yet is withdrawn.
   *
   * @example
   * ```ts
   * task.uncancel(); // 0
   * ```
   */
  uncancel(): number;
  /**
   * Tasks complete themselves: always throws.
   *
   * @throws Error always.
   */
  setResult(value: T): never;
  /**
   * Tasks complete themselves: always throws.
   *
   * @throws Error always.
   */
  setException(exception: unknown): never;
  /** `<Task pending name='main' waiting=<Future pending>>` */
  toString(): string;
}

/**
 * The constructor value `Task`.
 *
 * @example
 * ```ts
 * const task = new Task(main(), { loop, name: 'main' }); // prefer createTask(main())
 * ```
 */
export interface TaskConstructor {
  /**
   * Wraps `coro` in a task on `opts.loop` (or the running loop) and schedules its
   * first step. Prefer `createTask(coro)`.
   *
   * @throws TypeError if `coro` is not a coroutine (a generator object); Error if the
   * loop is closed or there is no loop.
   */
  new <T = unknown>(coro: Coro<T>, opts?: TaskOptions & { loop?: EventLoop }): Task<T>;
  readonly prototype: Task<unknown>;
}

/**
 * The future that `gather` returns. Cancelling it cancels every child that is not done
 * yet; it then fails with `CancelledError` (even with `returnExceptions`).
 *
 * @example
 * ```ts
 * const g: GatheringFuture<[number, string]> = gather(num(), str());
 * g.cancel(); // cancels num() and str()
 * ```
 */
export interface GatheringFuture<T = unknown> extends Future<T> {
  /**
   * Cancels every child that is not done yet; returns whether any was. The gather then
   * fails with `CancelledError`, whatever `returnExceptions` says.
   *
   * @example
   * ```ts
   * gather(a(), b()).cancel('shutting down');
   * ```
   */
  cancel(msg?: string): boolean;
}

/**
 * The constructor value `GatheringFuture`: for `instanceof` only (made by `gather`).
 *
 * @example
 * ```ts
 * gather(a(), b()) instanceof GatheringFuture; // true
 * ```
 */
export interface GatheringFutureConstructor {
  readonly prototype: GatheringFuture<unknown>;
}

// ---- what a task waits on --------------------------------------------------------

/**
 * The kinds of wait {@link WaitInfo} tells apart.
 *
 * @example
 * ```ts
 * const k: WaitKind = describeWait(task).kind; // 'lock'
 * ```
 */
export type WaitKind =
  | 'running'
  | 'ready'
  | 'done'
  | 'future'
  | 'task'
  | 'gather'
  | 'shield'
  | 'sleep'
  | 'wait'
  | 'task-group'
  | 'promise'
  | 'lock'
  | 'semaphore'
  | 'event'
  | 'condition'
  | 'barrier'
  | 'queue-get'
  | 'queue-put'
  | 'queue-join';

/**
 * What a task is waiting on: `describeWait(task)`. The same description feeds
 * `DeadlockError`'s message and the task dumps of `@aio/trace`.
 *
 * @example
 * ```ts
 * const w = describeWait(task);
 * console.log(w.text); // "Lock held by 'writer'"
 * ```
 */
export interface WaitInfo {
  /** What kind of wait it is. */
  readonly kind: WaitKind;
  /**
   * One line for a human: `sleep until 1500`, `Lock held by 'writer'`,
   * `Queue.get on <Queue maxsize=3 size=0>`, `gather of 3 (2 pending)`, `task 'fetch'`…
   */
  readonly text: string;
  /**
   * The future the task awaits (none while it is ready, running or done). For a
   * `sleep()`, a Future that stands for the sleep from the moment it is asked for: the
   * same object on every call, done when the sleep ends, and cancelling it cancels the
   * sleep.
   */
  readonly future: Future<unknown> | undefined;
  /**
   * The tasks this wait depends on: the awaited task, the task holding the lock, the
   * pending tasks of a gather or a task group. Following them gives wait chains, and
   * wait cycles (deadlocks).
   */
  readonly blockers: readonly Task<unknown>[];
  /** The primitive waited on (a `Lock`, a `Queue`…), when there is one. */
  readonly target?: object;
}

/**
 * How a future stands, read by `peekOutcome(fut)` without retrieving its exception.
 *
 * @example
 * ```ts
 * const o: Outcome<number> = peekOutcome(fut);
 * if (o.kind === 'error') console.log('failed with', o.error);
 * ```
 */
export type Outcome<T> =
  | { readonly kind: 'pending' }
  | { readonly kind: 'result'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'cancelled' };

// ---- instruments ----------------------------------------------------------------

/**
 * Hooks into a loop, after Trio's instruments: every member is optional, and a loop
 * calls only the hooks that some instrument defines (an unused hook costs one branch).
 * Add one with `loop.addInstrument(i)` or `run(main, { instruments: [i] })`.
 *
 * Inside any hook, `currentTask()` is the task whose step caused the event, if any: the
 * task that woke another (by completing the future it awaited), that created a task, or
 * that cancelled one. A hook that throws is removed from the loop and reported to its
 * exception handler; the loop goes on. Hooks may add and remove instruments.
 *
 * @example
 * ```ts
 * const counter: Instrument = {
 *   steps: 0,
 *   beforeTaskStep() {
 *     this.steps++;
 *   },
 * } as Instrument & { steps: number };
 * await run(main(), { instruments: [counter] });
 * ```
 */
export interface Instrument {
  /** `runUntilComplete`, `runForever` or a `runSync` pass starts running the loop. */
  beforeRun?(loop: EventLoop): void;
  /** ... and stops. */
  afterRun?(loop: EventLoop): void;
  /** A task was created; `parent` is the task running at that moment (if any). */
  taskCreated?(task: Task<unknown>, parent: Task<unknown> | undefined): void;
  /**
   * A task was put on the ready queue: its first step (`wokenBy` undefined), a wake-up
   * by the future it awaited (`wokenBy` is that future; a cancellation wakes a task
   * this way too; for a `sleep()` it is a done Future that stands for the sleep), or a
   * step after a bare `yield` (`wokenBy` undefined; also when the task is woken to be
   * told of a bad yield, or to unwind an await cycle).
   */
  taskScheduled?(task: Task<unknown>, wokenBy: Future<unknown> | undefined): void;
  /** A step of `task` is about to run (`currentTask()` is `task`). */
  beforeTaskStep?(task: Task<unknown>): void;
  /** ... and has run. */
  afterTaskStep?(task: Task<unknown>): void;
  /**
   * `task` is done (its result, exception or cancellation is set); the tasks awaiting
   * it have been scheduled just before.
   */
  taskDone?(task: Task<unknown>): void;
  /** `task.cancel(msg)` was called while it was pending; `by` is the task that called it. */
  cancelRequested?(
    task: Task<unknown>,
    by: Task<unknown> | undefined,
    msg: string | undefined,
  ): void;
  /**
   * The loop has run an iteration and is about to wait for its next timer or for the
   * host: `timeoutMs` is how long at most (`Infinity`: no timer), `0` when it will not
   * wait (work is ready).
   */
  beforeIdle?(timeoutMs: number): void;
  /** ... and the wait is over (the same `timeoutMs`). */
  afterIdle?(timeoutMs: number): void;
}

// ---- the event loop ---------------------------------------------------------------

/**
 * Options of `new EventLoop(opts)`.
 *
 * @example
 * ```ts
 * const loop = new EventLoop({ clock: new VirtualClock(), debug: true });
 * ```
 */
export interface EventLoopOptions {
  /** The loop's clock (default: the real clock). */
  clock?: Clock;
  /** Debug mode: stack traces for cancellations, warnings for slow callbacks. */
  debug?: boolean;
}

/**
 * An asyncio event loop: runs callbacks, timers and tasks, one iteration at a
 * time, on a {@link Clock} (the real clock unless another is given).
 *
 * Most programs never touch a loop: `run(main())` makes one, runs `main` and
 * closes it. Use a loop directly to schedule callbacks or to run several things
 * on one loop.
 *
 * @example
 * ```ts
 * const loop = new EventLoop();
 * loop.callLater(100, () => console.log('later'));
 * loop.callSoon(() => console.log('soon'));
 * await loop.runUntilComplete(sleep(200)); // soon, later
 * loop.close();
 * ```
 */
export interface EventLoop {
  /**
   * In debug mode, callbacks that take at least this long (ms, on the loop's
   * clock) are reported with `console.warn`.
   */
  slowCallbackDuration: number;
  /**
   * The loop's time in milliseconds, read from its clock.
   *
   * @example
   * ```ts
   * const start = loop.time();
   * ```
   */
  time(): number;
  /**
   * Schedules `cb(...args)` to run in the next iteration, after the callbacks
   * already scheduled (FIFO), in a copy of the current context.
   *
   * @throws TypeError if `cb` is not a function; Error if the loop is closed.
   * @example
   * ```ts
   * loop.callSoon((name) => console.log(`hello ${name}`), 'world');
   * ```
   */
  callSoon<A extends unknown[]>(cb: (...args: A) => unknown, ...args: A): Handle;
  /**
   * Schedules `cb(...args)` to run `delayMs` milliseconds from now. Timers with
   * the same deadline run in the order they were scheduled.
   *
   * @throws TypeError if `delayMs` is not a number; RangeError if it is NaN.
   * @example
   * ```ts
   * const h = loop.callLater(1000, () => console.log('a second later'));
   * ```
   */
  callLater<A extends unknown[]>(
    delayMs: number,
    cb: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  /**
   * Schedules `cb(...args)` to run when `loop.time()` reaches `whenMs`.
   *
   * @throws TypeError if `whenMs` is not a number; RangeError if it is NaN.
   * @example
   * ```ts
   * loop.callAt(loop.time() + 500, () => console.log('half a second later'));
   * ```
   */
  callAt<A extends unknown[]>(whenMs: number, cb: (...args: A) => unknown, ...args: A): TimerHandle;
  /**
   * A new pending future bound to this loop.
   *
   * @example
   * ```ts
   * const fut = loop.createFuture<number>();
   * ```
   */
  createFuture<T>(): Future<T>;
  /**
   * Wraps `coro` in a task on this loop (through the task factory, if one is set).
   *
   * @throws TypeError if `coro` is not a coroutine; Error if the loop is closed.
   * @example
   * ```ts
   * const task = loop.createTask(main(), { name: 'main' });
   * ```
   */
  createTask<T>(coro: Coro<T>, opts?: TaskOptions): Task<T>;
  /**
   * Sets the factory `createTask` uses; `null` restores the default.
   *
   * @example
   * ```ts
   * loop.setTaskFactory(eagerTaskFactory);
   * ```
   */
  setTaskFactory(factory: TaskFactory | null): void;
  /**
   * The task factory, or `null` for the default.
   *
   * @example
   * ```ts
   * loop.getTaskFactory(); // null
   * ```
   */
  getTaskFactory(): TaskFactory | null;
  /**
   * Runs the loop until `aw` is done; resolves with its result or rejects with its
   * error. A coroutine is wrapped in a task; a native promise is wrapped with
   * `wrapPromise`.
   *
   * @throws Error if the loop is closed or already running, or another loop is
   * running; rejects if the loop is stopped before `aw` is done.
   * @example
   * ```ts
   * const n = await loop.runUntilComplete(compute());
   * ```
   */
  runUntilComplete<T>(aw: Future<T>): Promise<T>;
  runUntilComplete<T>(aw: Coro<T>): Promise<T>;
  runUntilComplete<T>(aw: PromiseLike<T>): Promise<T>;
  /**
   * Runs the loop until `stop()` is called; resolves then.
   *
   * @throws Error if the loop is closed or already running.
   * @example
   * ```ts
   * loop.callLater(1000, () => loop.stop());
   * await loop.runForever();
   * ```
   */
  runForever(): Promise<void>;
  /**
   * Stops the loop at the end of the current iteration. Called while the loop is
   * not running, the next run does one iteration and stops.
   *
   * @example
   * ```ts
   * loop.callSoon(() => loop.stop());
   * ```
   */
  stop(): void;
  /**
   * Whether the loop is running (inside `runForever` / `runUntilComplete`).
   *
   * @example
   * ```ts
   * loop.isRunning(); // false
   * ```
   */
  isRunning(): boolean;
  /**
   * Whether the loop is closed.
   *
   * @example
   * ```ts
   * loop.close();
   * loop.isClosed(); // true
   * ```
   */
  isClosed(): boolean;
  /**
   * Closes the loop: drops pending callbacks and timers. A closed loop cannot run
   * or schedule anything. Closing twice does nothing.
   *
   * @throws Error if the loop is running.
   * @example
   * ```ts
   * loop.close();
   * ```
   */
  close(): void;
  /**
   * Sets the handler for errors nobody else can catch (a callback that throws, an
   * exception never retrieved); `null` restores the default, which logs with
   * `console.error`.
   *
   * @throws TypeError if `handler` is neither a function nor null.
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, ctx) => reportError(ctx.exception));
   * ```
   */
  setExceptionHandler(handler: ExceptionHandler | null): void;
  /**
   * The exception handler, or `null` for the default.
   *
   * @example
   * ```ts
   * loop.getExceptionHandler(); // null
   * ```
   */
  getExceptionHandler(): ExceptionHandler | null;
  /**
   * Logs `context` with `console.error`: its message, the other fields, and the
   * exception with its stack.
   *
   * @example
   * ```ts
   * loop.setExceptionHandler((loop, ctx) => {
   *   if (!isCancelledError(ctx.exception)) loop.defaultExceptionHandler(ctx);
   * });
   * ```
   */
  defaultExceptionHandler(context: ExceptionContext): void;
  /**
   * Calls the exception handler with `context`. A handler that throws is reported
   * by the default handler; nothing escapes to the caller.
   *
   * @example
   * ```ts
   * loop.callExceptionHandler({ message: 'lost a connection', exception: err });
   * ```
   */
  callExceptionHandler(context: ExceptionContext): void;
  /**
   * Turns debug mode on or off: stack traces for cancellations and warnings for
   * slow callbacks.
   *
   * @example
   * ```ts
   * loop.setDebug(true);
   * ```
   */
  setDebug(enabled: boolean): void;
  /**
   * Whether debug mode is on.
   *
   * @example
   * ```ts
   * loop.getDebug(); // false
   * ```
   */
  getDebug(): boolean;
  /**
   * Adds an instrument: its hooks are called from now on (adding one twice does
   * nothing).
   *
   * @throws TypeError if `instrument` is not an object.
   * @example
   * ```ts
   * loop.addInstrument({ taskDone: (t) => console.log(`${t.getName()} done`) });
   * ```
   */
  addInstrument(instrument: Instrument): void;
  /**
   * Removes an instrument; returns whether it was there.
   *
   * @example
   * ```ts
   * loop.removeInstrument(recorder); // true
   * ```
   */
  removeInstrument(instrument: Instrument): boolean;
  /** `<EventLoop running=false closed=false debug=false>` */
  toString(): string;
}

/**
 * The constructor value `EventLoop`.
 *
 * @example
 * ```ts
 * const loop = new EventLoop({ debug: true });
 * ```
 */
export interface EventLoopConstructor {
  /**
   * A new loop, not running yet.
   *
   * @throws TypeError if `opts.clock` does not implement {@link Clock}.
   */
  new (opts?: EventLoopOptions): EventLoop;
  readonly prototype: EventLoop;
}
