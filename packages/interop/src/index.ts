/**
 * `@aio/interop`: bridges between `@aio/core` and the rest of JavaScript.
 *
 * Nothing is exported yet: the interop issue adds each section below, and this
 * list stays explicit (no `export *`). Everything RxJS-specific lives behind the
 * `@aio/interop/rxjs` entry point so that users without RxJS never load it.
 *
 * @module
 */

// Promises (toPromise)

// AbortSignal (signalOf, cancelOnAbort)

// Events (once)

// Async iterables (iterate, toAsyncIterable)

export {};
