import { describe, expect, test } from 'vitest';
import * as aio from './index';

describe('@aio/core exports', () => {
  test('exports exactly the public API, nothing more (the runtime values)', () => {
    // Types (Coro, Awaitable, Clock, …) have no runtime value; the type tests and the
    // packaging smoke test check them.
    expect(Object.keys(aio).sort()).toEqual(
      [
        // errors
        'BrokenBarrierError',
        'CancelledError',
        'DeadlockError',
        'InvalidStateError',
        'KeyboardInterrupt',
        'QueueEmpty',
        'QueueFull',
        'QueueShutDown',
        'TaskGroupError',
        'TimeoutError',
        'isCancelledError',
        // futures, tasks, the loop
        'EventLoop',
        'Future',
        'GatheringFuture',
        'Handle',
        'RealClock',
        'Task',
        'TimerHandle',
        'isFuture',
        // running
        'allTasks',
        'createTask',
        'currentTask',
        'eagerTaskFactory',
        'getRunningLoop',
        'getRunningLoops',
        'run',
        'runSync',
        // task functions
        'ALL_COMPLETED',
        'FIRST_COMPLETED',
        'FIRST_EXCEPTION',
        'Timeout',
        'TaskGroup',
        'asCompleted',
        'ensureFuture',
        'gather',
        'gatherWith',
        'shield',
        'sleep',
        'taskGroup',
        'timeout',
        'timeoutAt',
        'wait',
        'waitFor',
        'wrapPromise',
        // what tasks wait on
        'describeWait',
        'findWaitCycles',
        'futureAddToAwaitedBy',
        'futureDiscardFromAwaitedBy',
        'getAwaitedBy',
        'peekOutcome',
        // context variables
        'Context',
        'ContextVar',
        'Token',
        'copyContext',
        // synchronisation and queues
        'Barrier',
        'BoundedSemaphore',
        'Condition',
        'Event',
        'LifoQueue',
        'Lock',
        'PriorityQueue',
        'Queue',
        'Semaphore',
      ].sort(),
    );
  });

  test('a program written against the package entry point runs', () => {
    const { runSync, sleep, gather, getRunningLoop } = aio;
    function* main(): aio.Coro<[number, string[]]> {
      const r = yield* gather(sleep(10, 'a'), sleep(20, 'b'));
      return [getRunningLoop().time(), r];
    }
    const clock: aio.Clock = {
      now: () => t,
      setTimer: () => 0,
      clearTimer: () => {},
      advanceIdle: (d) => {
        t = d;
        return true;
      },
    };
    let t = 0;
    expect(runSync(main(), { clock })).toEqual([20, ['a', 'b']]);
  });
});
