/**
 * once: the next event of an EventTarget or a Node EventEmitter, as a Future.
 *
 * @module
 */

import { type EventLoop, type Future, getRunningLoop } from '@aio/core';
import { describe } from '../internal/describe';
import type { EmitterArgs, TargetEvent } from './eventTypes';

/**
 * The structural shape of a DOM `EventTarget` that {@link once} relies on.
 *
 * @example
 * ```ts
 * import type { EventTargetLike } from '@aio/interop';
 *
 * const target: EventTargetLike = new EventTarget();
 * console.log(typeof target.addEventListener); // → function
 * ```
 */
export interface EventTargetLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/**
 * The structural shape of a Node `EventEmitter` that {@link once} relies on
 * (`on`/`off`, or `addListener`/`removeListener`). No Node module is imported.
 *
 * @example
 * ```ts
 * import type { EventEmitterLike } from '@aio/interop';
 *
 * const listeners = new Set<(...args: unknown[]) => void>();
 * const emitter: EventEmitterLike = {
 *   on: (_name, fn) => listeners.add(fn),
 *   off: (_name, fn) => listeners.delete(fn),
 * };
 * console.log(listeners.size); // → 0
 * ```
 */
export interface EventEmitterLike {
  on?(eventName: string | symbol, listener: (...args: unknown[]) => void): unknown;
  off?(eventName: string | symbol, listener: (...args: unknown[]) => void): unknown;
  addListener?(eventName: string | symbol, listener: (...args: unknown[]) => void): unknown;
  removeListener?(eventName: string | symbol, listener: (...args: unknown[]) => void): unknown;
}

type Listener = (...args: unknown[]) => void;

/**
 * A Future for the next event named `eventName` on `target`, on the running loop.
 *
 * - An `EventTarget` (DOM, `AbortSignal`, Node's `EventTarget`): the future's result
 *   is the `Event` object.
 * - A Node `EventEmitter` (anything with `on`/`off` or
 *   `addListener`/`removeListener`, detected structurally): the result is the array
 *   of the event's arguments. As with Node's `events.once`, an `'error'` event while
 *   waiting (for another event name) fails the future with that error (the same
 *   object).
 *
 * **Types.** For an emitter, the result is the argument tuple its listener type
 * declares for that event (`once(socket, 'data')`: `[data: Buffer]`;
 * `once(readable, 'end')`: `[]`), read from its `on` overloads; `unknown[]` when
 * it declares none (a plain `EventEmitter`) or declares them with a generic `on`
 * (Node's `EventEmitter<Events>`: annotate the destructured values). For a target,
 * the event type its `on<name>` property declares (`once(button, 'click')`:
 * `PointerEvent`), else `Event`. When a target has both emitter methods and
 * `addEventListener`, it is read as an emitter, as at run time.
 *
 * The listener is removed as soon as the event arrives. **Cancelling the future**
 * (or the task that awaits it) removes the listener too (from a done-callback, so
 * in the next loop iteration; an event arriving in between is ignored). The
 * future completes from the listener itself, so an event dispatched from outside
 * the loop (a host callback) wakes the loop.
 *
 * @throws TypeError if `target` is neither an EventTarget nor an EventEmitter, or
 * `eventName` is not a string (or a symbol, for an emitter); Error outside a running loop.
 * @example
 * ```ts
 * import { run, type Coro } from '@aio/core';
 * import { once } from '@aio/interop';
 *
 * function* main(): Coro<string> {
 *   const target = new EventTarget();
 *   setTimeout(() => target.dispatchEvent(new Event('ready')), 1);
 *   const event = yield* once(target, 'ready');
 *   return event.type;
 * }
 * console.log(await run(main())); // → ready
 * ```
 */
export function once<E extends EventEmitterLike, N extends string | symbol>(
  target: E,
  eventName: N,
): Future<EmitterArgs<E, N>>;
export function once<T extends EventTargetLike, N extends string>(
  target: T,
  eventName: N,
): Future<TargetEvent<T, N>>;
export function once(
  target: EventTargetLike | EventEmitterLike,
  eventName: string | symbol,
): Future<Event | unknown[]> {
  const emitter = emitterMethods(target);
  if (emitter === null && !isEventTarget(target)) {
    throw new TypeError(
      `once(): target must be an EventTarget (addEventListener/removeEventListener) or an ` +
        `EventEmitter (on/off or addListener/removeListener), got ${describe(target)}`,
    );
  }
  if (typeof eventName !== 'string' && (emitter === null || typeof eventName !== 'symbol')) {
    throw new TypeError(
      `once(): eventName must be a string${emitter === null ? '' : ' or a symbol'}, got ${describe(eventName)}`,
    );
  }
  const loop = getRunningLoop();
  return emitter !== null
    ? onceEmitter(loop, target as EventEmitterLike, emitter, eventName)
    : onceTarget(loop, target as EventTargetLike, eventName as string);
}

function onceTarget(loop: EventLoop, target: EventTargetLike, name: string): Future<Event> {
  const fut = loop.createFuture<Event>();
  let attached = true;
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    target.removeEventListener(name, listener);
  };
  const listener = (event: Event): void => {
    detach();
    if (!fut.done() && !loop.isClosed()) fut.setResult(event);
  };
  target.addEventListener(name, listener);
  fut.addDoneCallback(detach);
  return fut;
}

type EmitterMethod = (this: unknown, eventName: string | symbol, listener: Listener) => unknown;

interface EmitterMethods {
  on: EmitterMethod;
  off: EmitterMethod;
}

function onceEmitter(
  loop: EventLoop,
  target: EventEmitterLike,
  methods: EmitterMethods,
  name: string | symbol,
): Future<unknown[]> {
  const fut = loop.createFuture<unknown[]>();
  const watchErrors = name !== 'error';
  let attached = true;
  const detach = (): void => {
    if (!attached) return;
    attached = false;
    methods.off.call(target, name, listener);
    if (watchErrors) methods.off.call(target, 'error', errorListener);
  };
  const listener: Listener = (...args) => {
    detach();
    if (!fut.done() && !loop.isClosed()) fut.setResult(args);
  };
  const errorListener: Listener = (error) => {
    detach();
    if (fut.done() || loop.isClosed()) return;
    if (error === undefined) {
      fut.setException(new TypeError(`once(): the emitter emitted 'error' with no error`));
    } else {
      fut.setException(error);
    }
  };
  methods.on.call(target, name, listener);
  if (watchErrors) methods.on.call(target, 'error', errorListener);
  fut.addDoneCallback(detach);
  return fut;
}

function emitterMethods(x: unknown): EmitterMethods | null {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return null;
  const e = x as Record<string, unknown>;
  if (typeof e.on === 'function' && typeof e.off === 'function') {
    return { on: e.on as EmitterMethod, off: e.off as EmitterMethod };
  }
  if (typeof e.addListener === 'function' && typeof e.removeListener === 'function') {
    return { on: e.addListener as EmitterMethod, off: e.removeListener as EmitterMethod };
  }
  return null;
}

function isEventTarget(x: unknown): boolean {
  return (
    x !== null &&
    (typeof x === 'object' || typeof x === 'function') &&
    typeof (x as EventTargetLike).addEventListener === 'function' &&
    typeof (x as EventTargetLike).removeEventListener === 'function'
  );
}
