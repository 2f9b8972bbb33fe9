/**
 * `@aio/interop/rxjs`: bridges between `@aio/core` and RxJS 7 (an optional peer
 * dependency: only this entry point loads it).
 *
 * The list stays explicit (no `export *`).
 *
 * @module
 */

// Observables from futures and coroutines
export {
  toObservable,
  type ToObservableFactoryOptions,
  type ToObservableOptions,
} from './toObservable';

// Futures and streams from observables
export { fromObservable, type FromObservableOptions } from './fromObservable';
export { observe, type ObserveOptions, type OverflowPolicy } from './observe';

// Scheduling
export { loopScheduler } from './loopScheduler';
