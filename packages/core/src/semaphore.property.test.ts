import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { Lock } from './lock';
import { runSync } from './runner';
import { BoundedSemaphore, Semaphore } from './semaphore';
import { sleep } from './sleep';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

/**
 * One step: spawn workers (each holds the primitive for a few loop iterations), or
 * let one iteration pass; then maybe cancel one of the two oldest workers still
 * running (the oldest waiter is the one a release wakes); then maybe let the loop
 * run until idle and check that no wake-up was lost.
 */
interface Step {
  spawn: { count: number; hold: number } | null;
  cancel: number | null;
  settle: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  spawn: fc.option(
    fc.record({ count: fc.integer({ min: 1, max: 3 }), hold: fc.integer({ min: 0, max: 3 }) }),
    { freq: 2 },
  ),
  cancel: fc.option(fc.nat({ max: 1 }), { freq: 2 }),
  settle: fc.boolean(),
});

/** The common face of Lock and the semaphores for this test. */
interface Primitive {
  hold<R>(body: () => Coro<R>): Coro<R>;
  statistics(): { waiting: number };
}

interface Outcome {
  stuck: string[];
  maxInside: number;
  inside: number;
  pending: number;
  waitingAtEnd: number;
}

function play(prim: Primitive, free: () => boolean, capacity: number, steps: Step[]): Outcome {
  const workers: Task<void>[] = [];
  const stuck: string[] = [];
  let inside = 0;
  let maxInside = 0;

  function* worker(hold: number): Coro<void> {
    yield* prim.hold(function* () {
      inside++;
      maxInside = Math.max(maxInside, inside);
      try {
        for (let i = 0; i < hold; i++) yield;
      } finally {
        inside--;
      }
    });
  }

  function* settle(where: string): Coro<void> {
    yield* sleep(1); // a timer fires only when nothing is ready: every woken task ran
    if (prim.statistics().waiting > 0 && free())
      stuck.push(`${where}: a task waits on a free primitive`);
  }

  function* driver(): Coro<Outcome> {
    for (const [i, s] of steps.entries()) {
      if (s.spawn !== null) {
        for (let k = 0; k < s.spawn.count; k++) workers.push(createTask(worker(s.spawn.hold)));
      } else {
        yield;
      }
      if (s.cancel !== null) {
        const live = workers.filter((t) => !t.done());
        if (live.length > 0) (live[s.cancel % live.length] as Task<void>).cancel();
      }
      if (s.settle) yield* settle(`after step ${i}`);
    }
    yield* settle('end');
    yield* sleep(100); // every worker holds for at most 3 iterations
    return {
      stuck,
      maxInside,
      inside,
      pending: workers.filter((t) => !t.done()).length,
      waitingAtEnd: prim.statistics().waiting,
    };
  }

  const out = runSync(driver(), { clock: new TestClock() });
  expect(out.maxInside).toBeLessThanOrEqual(capacity);
  return out;
}

function check(out: Outcome): void {
  expect(out.stuck).toEqual([]);
  expect(out.inside).toBe(0);
  expect(out.pending).toBe(0);
  expect(out.waitingAtEnd).toBe(0);
}

describe('Lock and semaphores under random acquirers and cancellations (property)', () => {
  test('Lock: mutual exclusion, and no task waits on a free lock', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const lock = new Lock();
        const out = play(lock, () => !lock.locked(), 1, steps);
        check(out);
        expect(lock.locked()).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  test('Semaphore: at most value holders, no permit lost, no task waits while one is free', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(step, { maxLength: 30 }),
        (value, steps) => {
          const sem = new Semaphore(value);
          const out = play(sem, () => sem.statistics().value > 0, value, steps);
          check(out);
          expect(sem.statistics().value).toBe(value);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('BoundedSemaphore: the same, and it is never over-released', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(step, { maxLength: 30 }),
        (value, steps) => {
          const sem = new BoundedSemaphore(value);
          const out = play(sem, () => sem.statistics().value > 0, value, steps);
          check(out);
          expect(sem.statistics().value).toBe(value);
        },
      ),
      { numRuns: 500 },
    );
  });
});
