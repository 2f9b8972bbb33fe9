/**
 * `@aio/interop/rxjs`: bridges between `@aio/core` and RxJS 7 (an optional peer
 * dependency: only this entry point loads it).
 *
 * Nothing is exported yet: the interop issue adds each section below, and this
 * list stays explicit (no `export *`).
 *
 * @module
 */

// Observables from futures and coroutines (toObservable)

// Futures and streams from observables (fromObservable, observe)

// Scheduling (loopScheduler)

export {};
