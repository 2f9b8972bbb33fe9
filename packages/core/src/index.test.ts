import { describe, expect, test } from 'vitest';
import * as aio from './index';

describe('@aio/core exports', () => {
  test('exports the public API of API.md', () => {
    const names = [
      'CancelledError',
      'InvalidStateError',
      'TimeoutError',
      'QueueEmpty',
      'QueueFull',
      'QueueShutDown',
      'BrokenBarrierError',
      'TaskGroupError',
      'isCancelledError',
      'Future',
      'isFuture',
      'Task',
      'EventLoop',
      'Handle',
      'TimerHandle',
      'RealClock',
      'run',
      'runSync',
      'getRunningLoop',
      'currentTask',
      'allTasks',
      'createTask',
      'eagerTaskFactory',
      'ensureFuture',
      'sleep',
      'gather',
      'gatherWith',
      'GatheringFuture',
      'wait',
      'FIRST_COMPLETED',
      'FIRST_EXCEPTION',
      'ALL_COMPLETED',
      'waitFor',
      'asCompleted',
      'shield',
      'timeout',
      'timeoutAt',
      'Timeout',
      'taskGroup',
      'TaskGroup',
      'wrapPromise',
      'ContextVar',
      'Context',
      'copyContext',
      'Token',
    ] as const;
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: checking every export by name
    for (const n of names) expect(aio[n], n).toBeDefined();
  });

  test('does not export internals', () => {
    const exported = Object.keys(aio);
    for (const internal of [
      'RingQueue',
      'TimerHeap',
      'repr',
      'makeCancelledError',
      'swapRunningLoop',
      'wrapPromiseOn',
      'ensureFutureOn',
      'gatherOn',
    ]) {
      expect(exported).not.toContain(internal);
    }
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
