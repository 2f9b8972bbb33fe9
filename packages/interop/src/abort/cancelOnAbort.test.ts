import { CancelledError, type Coro, createTask, isCancelledError, run, sleep } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { cancelOnAbort } from './cancelOnAbort';

const clock = () => ({ clock: new TestClock() });

/** An AbortSignal whose abort listeners are counted. */
function countedSignal(): { controller: AbortController; listeners: () => number } {
  const controller = new AbortController();
  const signal = controller.signal;
  let n = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, fn: EventListener, o?: unknown) => {
    n++;
    add(type, fn, o as AddEventListenerOptions);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, fn: EventListener, o?: unknown) => {
    n--;
    remove(type, fn, o as EventListenerOptions);
  }) as typeof signal.removeEventListener;
  return { controller, listeners: () => n };
}

function* outcome(task: Coro<unknown> | ReturnType<typeof createTask>): Coro<string> {
  try {
    yield* task;
    return 'finished';
  } catch (e) {
    if (isCancelledError(e)) return `cancelled: ${e.message}`;
    throw e;
  }
}

describe('cancelOnAbort', () => {
  it('cancels the task with the string reason as the cancel message', async () => {
    function* main(): Coro<string> {
      const controller = new AbortController();
      const task = createTask(sleep(1000));
      cancelOnAbort(task, controller.signal);
      yield* sleep(10);
      controller.abort('stop');
      return yield* outcome(task);
    }
    expect(await run(main(), clock())).toBe('cancelled: stop');
  });

  it("uses an error reason's message, e.g. the default AbortError", async () => {
    function* main(): Coro<string> {
      const controller = new AbortController();
      const task = createTask(sleep(1000));
      cancelOnAbort(task, controller.signal);
      controller.abort();
      return yield* outcome(task);
    }
    expect(await run(main(), clock())).toBe('cancelled: This operation was aborted');
  });

  it('cancels at once (synchronously) when the signal is already aborted', async () => {
    function* main(): Coro<string> {
      const task = createTask(sleep(1000));
      cancelOnAbort(task, AbortSignal.abort(new RangeError('too late')));
      expect(task.cancelling()).toBe(1);
      return yield* outcome(task);
    }
    expect(await run(main(), clock())).toBe('cancelled: too late');
  });

  it('does nothing once detached', async () => {
    function* main(): Coro<string> {
      const controller = new AbortController();
      const task = createTask(sleep(100));
      const detach = cancelOnAbort(task, controller.signal);
      detach();
      controller.abort('ignored');
      return yield* outcome(task);
    }
    expect(await run(main(), clock())).toBe('finished');
  });

  it('removes its listener when detached and when the task is done', async () => {
    const { controller, listeners } = countedSignal();
    function* main(): Coro<void> {
      const a = createTask(sleep(5));
      const b = createTask(sleep(5));
      cancelOnAbort(a, controller.signal);
      const detachB = cancelOnAbort(b, controller.signal);
      expect(listeners()).toBe(2);
      detachB();
      expect(listeners()).toBe(1);
      yield* a;
      yield* sleep(0);
      expect(listeners()).toBe(0);
    }
    await run(main(), clock());
    expect(controller.signal.aborted).toBe(false);
  });

  it('wakes an idle loop when the signal aborts from a host timer', async () => {
    function* main(): Coro<string> {
      const task = createTask(sleep(60_000));
      // A real clock: the loop sleeps in the host until the timer aborts.
      cancelOnAbort(task, AbortSignal.timeout(5));
      return yield* outcome(task);
    }
    expect(await run(main())).toBe('cancelled: The operation was aborted due to timeout');
  });

  it('refuses bad arguments with a TypeError naming the argument', async () => {
    expect(() => cancelOnAbort(null as never, new AbortController().signal)).toThrow(
      new TypeError('cancelOnAbort(): task must be an aio Task or Future, got null'),
    );
    function* main(): Coro<void> {
      const task = createTask(sleep(1));
      expect(() => cancelOnAbort(task, {} as never)).toThrow(
        new TypeError('cancelOnAbort(): signal must be an AbortSignal, got a plain object'),
      );
      yield* task;
    }
    await run(main(), clock());
  });

  it('keeps the CancelledError type for the cancelled task', async () => {
    function* main(): Coro<unknown> {
      const task = createTask(sleep(1000));
      cancelOnAbort(task, AbortSignal.abort('x'));
      try {
        yield* task;
      } catch (e) {
        return e;
      }
      return undefined;
    }
    expect(await run(main(), clock())).toBeInstanceOf(CancelledError);
  });
});
