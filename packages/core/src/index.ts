/**
 * @aio/core: Python's asyncio model for TypeScript — an explicit event loop,
 * Futures, Tasks and generator coroutines with real cancellation.
 *
 * @packageDocumentation
 */

// Errors
export {
  BrokenBarrierError,
  CancelledError,
  DeadlockError,
  InvalidStateError,
  isCancelledError,
  KeyboardInterrupt,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  TaskGroupError,
  TimeoutError,
} from './exceptions';

// Types
export type {
  AioIterator,
  Awaitable,
  AwaitedOf,
  Clock,
  Coro,
  EventLoopConstructor,
  EventLoopOptions,
  ExceptionContext,
  ExceptionHandler,
  FutureConstructor,
  GatheringFutureConstructor,
  HandleConstructor,
  IdleInfo,
  Instrument,
  Outcome,
  TaskConstructor,
  TaskFactory,
  TaskOptions,
  TimerHandleConstructor,
  WaitInfo,
  WaitKind,
} from './types';

// Futures and tasks
export { Future, GatheringFuture, Task } from './public';
export { isFuture } from './future';

// The event loop and its clock
export { EventLoop, Handle, TimerHandle } from './public';
export { RealClock } from './clock';

// Running
export { run, runSync, type RunOptions } from './runner';
export { getRunningLoop, getRunningLoops } from './runningLoop';
export { allTasks, createTask, currentTask, eagerTaskFactory } from './taskFunctions';

// Task functions
export { ensureFuture } from './ensureFuture';
export { sleep } from './sleep';
export { gather, gatherWith, type GatherOptions } from './gather';
export { shield } from './shield';
export {
  ALL_COMPLETED,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type ReturnWhen,
  wait,
  type WaitOptions,
} from './wait';
export { waitFor } from './waitFor';
export { asCompleted } from './asCompleted';
export { Timeout, timeout, timeoutAt } from './timeouts';
export { TaskGroup, taskGroup } from './taskGroup';
export { wrapPromise, type WrapPromiseOptions } from './wrapPromise';

// What tasks wait on (diagnostics)
export {
  describeWait,
  findWaitCycles,
  futureAddToAwaitedBy,
  futureDiscardFromAwaitedBy,
  getAwaitedBy,
  peekOutcome,
} from './waits';

// Context variables
export { Context, ContextVar, copyContext, Token } from './contextvars';

// Synchronisation and queues
export { Barrier, type BarrierState, type BarrierStatistics } from './barrier';
export { Condition, type ConditionStatistics } from './condition';
export { Event, type EventStatistics } from './event';
export { Lock, type LockStatistics } from './lock';
export { LifoQueue, PriorityQueue, Queue, type QueueStatistics } from './queues';
export { BoundedSemaphore, Semaphore, type SemaphoreStatistics } from './semaphore';
