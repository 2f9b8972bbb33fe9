import { CancelledError, type Coro, createTask, getRunningLoop, run, sleep } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { signalOf } from './signalOf';

const clock = () => ({ clock: new TestClock() });

describe('signalOf', () => {
  it('aborts with the task CancelledError (and its message) when the task is cancelled', async () => {
    function* main(): Coro<AbortSignal> {
      const task = createTask(sleep(1000));
      const signal = signalOf(task);
      yield* sleep(10);
      expect(signal.aborted).toBe(false);
      task.cancel('enough');
      yield* sleep(0);
      yield* sleep(0);
      return signal;
    }
    const signal = await run(main(), clock());
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    expect(signal.reason.message).toBe('enough');
  });

  it('aborts one iteration after the task is cancelled, from a done-callback', async () => {
    const log: string[] = [];
    function* main(): Coro<void> {
      const task = createTask(sleep(1000), { name: 'sleeper' });
      const signal = signalOf(task);
      signal.addEventListener('abort', () => log.push('aborted'));
      yield* sleep(0);
      task.cancel();
      log.push('cancel requested');
      yield* sleep(0); // the task completes (cancelled) in this iteration
      log.push(`task done=${task.done()}`);
      yield* sleep(0); // the done-callback runs
      log.push('after');
    }
    await run(main(), clock());
    expect(log).toEqual(['cancel requested', 'task done=true', 'aborted', 'after']);
  });

  it('aborts when the task returns, with a CancelledError saying the task is done', async () => {
    function* child(): Coro<number> {
      yield* sleep(5);
      return 1;
    }
    function* main(): Coro<AbortSignal> {
      const task = createTask(child(), { name: 'worker' });
      const signal = signalOf(task);
      yield* task;
      yield* sleep(0);
      return signal;
    }
    const signal = await run(main(), clock());
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    expect(signal.reason.message).toBe("signalOf(): the task 'worker' is done");
  });

  it('aborts when the task fails, and leaves the failure for its awaiter to retrieve', async () => {
    const boom = new Error('boom');
    function* child(): Coro<never> {
      yield* sleep(5);
      throw boom;
    }
    function* main(): Coro<[AbortSignal, unknown]> {
      const task = createTask(child());
      const signal = signalOf(task);
      yield* sleep(10);
      const reasonBefore = signal.reason;
      let caught: unknown;
      try {
        yield* task;
      } catch (e) {
        caught = e;
      }
      expect(reasonBefore).toBeInstanceOf(CancelledError);
      return [signal, caught];
    }
    const [signal, caught] = await run(main(), clock());
    expect(signal.aborted).toBe(true);
    expect(caught).toBe(boom);
  });

  it('gives an already-aborted signal for a task that is done', async () => {
    function* main(): Coro<AbortSignal> {
      const fut = getRunningLoop().createFuture<void>();
      fut.cancel('gone');
      return signalOf(fut);
    }
    const signal = await run(main(), clock());
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    expect(signal.reason.message).toBe('gone');
  });

  it('returns the same signal each time it is asked for the same task', async () => {
    function* main(): Coro<void> {
      const task = createTask(sleep(1));
      expect(signalOf(task)).toBe(signalOf(task));
      yield* task;
    }
    await run(main(), clock());
  });

  it('refuses a value that is not an aio Future', () => {
    expect(() => signalOf({} as never)).toThrow(
      new TypeError('signalOf(): task must be an aio Task or Future, got a plain object'),
    );
  });
});
