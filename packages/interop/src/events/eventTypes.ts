/**
 * The result types of `once`, read from the target's own declarations (no Node
 * types needed): an emitter's listener arguments, a DOM target's event type.
 *
 * @module
 */

/**
 * What `once` gives for the event `N` of an `EventTarget` `T`: the
 * parameter of its `on<N>` handler property when it has one (`onclick` of a DOM
 * element: `PointerEvent`; `onmessage` of a `WebSocket`: `MessageEvent`), else
 * `Event`. (The DOM's `addEventListener` overloads are generic, so TypeScript
 * cannot read them from outside; its `on…` properties it can.)
 *
 * (Not exported by name: it types the result of `once`.)
 *
 * @example
 * ```ts
 * import { type Coro, run } from '@aio/core';
 * import { once } from '@aio/interop';
 *
 * function* main(): Coro<string> {
 *   const target = new EventTarget();
 *   const next = once(target, 'ping'); // Future<Event>: TargetEvent<EventTarget, 'ping'>
 *   target.dispatchEvent(new Event('ping'));
 *   return (yield* next).type;
 * }
 * console.log(await run(main())); // → ping
 * ```
 */
export type TargetEvent<T, N extends string> = string extends N
  ? Event
  : T extends { readonly [K in `on${N}`]: infer H }
    ? NonNullable<H> extends (event: infer E) => unknown
      ? E extends Event
        ? E
        : Event
      : Event
    : Event;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** A listener's arguments; `any[]` (an untyped emitter) reads as `unknown[]`. */
type ListenerArgs<L> = L extends (...args: infer A) => unknown
  ? number extends A['length']
    ? IsAny<A[number]> extends true
      ? unknown[]
      : A
    : A
  : unknown[];

/**
 * The `[eventName, listener]` pairs of an overloaded `on`/`addListener` method:
 * Node declares one overload per event (`on(event: 'data', listener: (chunk: any)
 * => void)`); TypeScript infers from a pattern of as many signatures as it lists
 * (16 here, more than any Node class has), so every overload is seen.
 */
type ListenerPairs<F> = F extends {
  (eventName: infer E1, listener: infer L1): unknown;
  (eventName: infer E2, listener: infer L2): unknown;
  (eventName: infer E3, listener: infer L3): unknown;
  (eventName: infer E4, listener: infer L4): unknown;
  (eventName: infer E5, listener: infer L5): unknown;
  (eventName: infer E6, listener: infer L6): unknown;
  (eventName: infer E7, listener: infer L7): unknown;
  (eventName: infer E8, listener: infer L8): unknown;
  (eventName: infer E9, listener: infer L9): unknown;
  (eventName: infer E10, listener: infer L10): unknown;
  (eventName: infer E11, listener: infer L11): unknown;
  (eventName: infer E12, listener: infer L12): unknown;
  (eventName: infer E13, listener: infer L13): unknown;
  (eventName: infer E14, listener: infer L14): unknown;
  (eventName: infer E15, listener: infer L15): unknown;
  (eventName: infer E16, listener: infer L16): unknown;
}
  ?
      | [E1, L1]
      | [E2, L2]
      | [E3, L3]
      | [E4, L4]
      | [E5, L5]
      | [E6, L6]
      | [E7, L7]
      | [E8, L8]
      | [E9, L9]
      | [E10, L10]
      | [E11, L11]
      | [E12, L12]
      | [E13, L13]
      | [E14, L14]
      | [E15, L15]
      | [E16, L16]
  : never;

/** The arguments of the pairs declared for exactly the event `N` (a literal name). */
type NamedArgs<P, N> = P extends [infer E, infer L]
  ? string extends E
    ? never
    : symbol extends E
      ? never
      : [N] extends [E]
        ? ListenerArgs<L>
        : never
  : never;

/** The arguments of the pairs that accept `N` among other names (`string | symbol`). */
type AnyNameArgs<P, N> = P extends [infer E, infer L]
  ? unknown extends E
    ? never
    : [N] extends [E]
      ? ListenerArgs<L>
      : never
  : never;

type ArgsFromPairs<P, N> = [NamedArgs<P, N>] extends [never]
  ? [AnyNameArgs<P, N>] extends [never]
    ? unknown[]
    : AnyNameArgs<P, N>
  : NamedArgs<P, N>;

/**
 * What `once` gives for the event `N` of an EventEmitter `E`: the argument
 * tuple of the listener its `on` (or `addListener`) declares for `N` — an overload
 * for that name first, then one for any name — or `unknown[]`. An untyped
 * emitter (`(...args: any[])`) gives `unknown[]`, and so does an emitter whose `on`
 * is generic (Node's `EventEmitter<Events>`, mitt, eventemitter3): TypeScript
 * cannot instantiate a generic method from outside.
 *
 * (Not exported by name: it types the result of `once`.)
 *
 * @example
 * ```ts
 * import { type Coro, run } from '@aio/core';
 * import { once } from '@aio/interop';
 *
 * type Listener = (size: number, unit: string) => void;
 * const listeners = new Map<string, Listener>();
 * const emitter = {
 *   on: (name: 'size', fn: Listener) => void listeners.set(name, fn),
 *   off: (name: 'size', _fn: Listener) => void listeners.delete(name),
 * };
 * function* main(): Coro<string> {
 *   const next = once(emitter, 'size'); // Future<[size: number, unit: string]>
 *   listeners.get('size')?.(3, 'kB');
 *   const [size, unit] = yield* next;
 *   return `${size} ${unit}`;
 * }
 * console.log(await run(main())); // → 3 kB
 * ```
 */
export type EmitterArgs<E, N> = E extends { on: infer F }
  ? ArgsFromPairs<ListenerPairs<NonNullable<F>>, N>
  : E extends { addListener: infer F }
    ? ArgsFromPairs<ListenerPairs<NonNullable<F>>, N>
    : unknown[];
