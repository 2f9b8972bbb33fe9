/**
 * `@aio/interop`: bridges between `@aio/core` and the rest of JavaScript —
 * native Promises, `AbortSignal`, events and async iterables.
 *
 * The list stays explicit (no `export *`). Everything RxJS-specific lives behind
 * the `@aio/interop/rxjs` entry point so that users without RxJS never load it.
 *
 * @module
 */

// Promises
export { toPromise } from './promise/toPromise';

// AbortSignal
export { signalOf } from './abort/signalOf';
export { cancelOnAbort } from './abort/cancelOnAbort';

// Events
export { type EventEmitterLike, type EventTargetLike, once } from './events/once';

// Async iterables
export { iterate } from './iterables/iterate';
export { toAsyncIterable, type ToAsyncIterableOptions } from './iterables/toAsyncIterable';
