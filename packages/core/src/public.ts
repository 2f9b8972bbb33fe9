/**
 * The public bindings of Future, Task, GatheringFuture, Handle, TimerHandle and
 * EventLoop: for each, a type (the interface declared in types.ts) and a constructor
 * value of the same name (the implementation class, typed by its public constructor).
 * This is how `lib.d.ts` declares `Promise`: `new Future()`, `x instanceof Task` and
 * `class MyLoop extends EventLoop` work as with any class, while the published types
 * show the public members only and no module of core has to import the loop's class
 * to name its type (see types.ts).
 *
 * @module
 */

import { EventLoop as EventLoopClass } from './eventLoop';
import { Future as FutureClass } from './future';
import { GatheringFuture as GatheringFutureClass } from './gather';
import { Handle as HandleClass, TimerHandle as TimerHandleClass } from './handles';
import { Task as TaskClass } from './task';
import type * as api from './types';

/**
 * A result that will be available later, bound to one event loop. Awaited with
 * `yield* fut` in a coroutine (or `await fut` in native async code: it is
 * `PromiseLike`). Its members: {@link api.Future}.
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
export type Future<T = unknown> = api.Future<T>;
/** The Future constructor: `new Future<T>({ loop })`, `x instanceof Future`. */
export const Future: api.FutureConstructor = FutureClass;

/**
 * A coroutine running on an event loop. Created with `createTask(coro)`; its first
 * step runs in the next loop iteration unless it is started eagerly. `yield* task`
 * waits for it and evaluates to its result. Its members: {@link api.Task}.
 *
 * @example
 * ```ts
 * function* main(): Coro<void> {
 *   const task = createTask(sayAfter(1000, 'hello'), { name: 'greeter' });
 *   yield* task; // 'hello' after one second
 * }
 * ```
 */
export type Task<T = unknown> = api.Task<T>;
/** The Task constructor: `new Task(coro, { loop })` (prefer `createTask`), `x instanceof Task`. */
export const Task: api.TaskConstructor = TaskClass;

/**
 * The future that `gather` returns: cancelling it cancels every child. Its members:
 * {@link api.GatheringFuture}.
 *
 * @example
 * ```ts
 * const all = gather(a(), b());
 * all.cancel(); // cancels both
 * ```
 */
export type GatheringFuture<T = unknown> = api.GatheringFuture<T>;
/** The GatheringFuture constructor value, for `instanceof` (gather makes them). */
export const GatheringFuture: api.GatheringFutureConstructor = GatheringFutureClass;

/**
 * A scheduled callback: what `callSoon` returns. Its members: {@link api.Handle}.
 *
 * @example
 * ```ts
 * const h = loop.callSoon(() => console.log('never'));
 * h.cancel();
 * ```
 */
export type Handle = api.Handle;
/** The Handle constructor value, for `instanceof` (the loop makes handles). */
export const Handle: api.HandleConstructor = HandleClass;

/**
 * A callback scheduled for a time: what `callLater` and `callAt` return. Its members:
 * {@link api.TimerHandle}.
 *
 * @example
 * ```ts
 * const h = loop.callLater(1000, () => console.log('one second'));
 * h.when(); // loop.time() + 1000 at the moment of scheduling
 * ```
 */
export type TimerHandle = api.TimerHandle;
/** The TimerHandle constructor value, for `instanceof`. */
export const TimerHandle: api.TimerHandleConstructor = TimerHandleClass;

/**
 * An asyncio event loop: runs callbacks, timers and tasks, one iteration at a time, on
 * a `Clock` (the real clock unless another is given). Most programs never touch one:
 * `run(main())` makes a loop, runs `main` and closes it. Its members:
 * {@link api.EventLoop}.
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
export type EventLoop = api.EventLoop;
/** The EventLoop constructor: `new EventLoop({ clock, debug })`. */
export const EventLoop: api.EventLoopConstructor = EventLoopClass;
