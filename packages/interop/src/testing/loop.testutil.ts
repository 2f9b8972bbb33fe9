import { type Coro, EventLoop, isCancelledError, type Task } from '@aio/core';
import { TestClock } from '@aio/test-utils';

/** Runs `main` on a fresh loop with a virtual clock; returns the loop (closed). */
export async function runOnLoop(main: () => Coro<void>): Promise<EventLoop> {
  const loop = new EventLoop({ clock: new TestClock() });
  await loop.runUntilComplete(main());
  loop.close();
  return loop;
}

/** Awaits `task`, treating its cancellation as a normal end. */
export function* swallowCancel(task: Task<unknown>): Coro<void> {
  try {
    yield* task;
  } catch (e) {
    if (!isCancelledError(e)) throw e;
  }
}
