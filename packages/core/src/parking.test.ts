import { describe, expect, test } from 'vitest';
import { errorOf, go, ticks } from '../test/helpers';
import { Condition } from './condition';
import { Lock } from './lock';
import { ParkingLot, type WaitTarget } from './parking';
import { Semaphore } from './semaphore';
import { createTask } from './taskFunctions';
import type { Coro, Task } from './types';

/** A stand-in primitive for a lot. */
function target(name = '<Thing>'): WaitTarget {
  const t: WaitTarget & { toString(): string } = {
    _waitParts: () => ({ kind: 'future', text: name, blockers: [] }),
    toString: () => name,
  };
  return t;
}

describe('ParkingLot', () => {
  test('unparks in FIFO order with the given value; unpark(n) counts only pending waiters', () => {
    const out = go(function* () {
      const lot = new ParkingLot<string>(target('<owner>'));
      const log: string[] = [];
      const parked = ['a', 'b', 'c'].map((n) =>
        createTask(
          (function* (): Coro<void> {
            log.push(`${n} woke with ${yield* lot.park()}`);
          })(),
        ),
      );
      yield;
      const first = lot.unpark(2, 'x');
      // Woken but not run yet: they still count in size, and are not woken twice.
      const again = lot.unparkOne('y');
      yield* ticks(2);
      return [first, again, log, lot.size, parked.map((t) => t.done())];
    });
    expect(out).toEqual([
      2,
      true,
      ['a woke with x', 'b woke with x', 'c woke with y'],
      0,
      [true, true, true],
    ]);
  });

  test('unparkHead wakes only a pending head (a lock hand-over), unparkOne the first pending', () => {
    const out = go(function* () {
      const lot = new ParkingLot<number>(target());
      const a = createTask(lot.park());
      const b = createTask(lot.park());
      yield;
      const head1 = lot.unparkHead(1); // wakes a
      const head2 = lot.unparkHead(2); // a is the head and already woken: nothing
      const one = lot.unparkOne(3); // skips a, wakes b
      return [head1, head2, one, yield* a, yield* b];
    });
    expect(out).toEqual([true, false, true, 1, 3]);
  });

  test('a parked task that is cancelled leaves the queue; onAbandon learns whether it was woken', () => {
    const out = go(function* () {
      const lot = new ParkingLot<boolean>(target());
      const seen: Array<[string, boolean, string]> = [];
      const parker = (name: string): Task<boolean> =>
        createTask(
          lot.park((woken, e) => {
            seen.push([name, woken, (e as Error).name]);
          }),
        );
      const a = parker('a');
      const b = parker('b');
      yield;
      a.cancel(); // not woken
      lot.unparkOne(true); // wakes b ...
      b.cancel(); // ... which is cancelled before it runs
      yield* errorOf(a);
      yield* errorOf(b);
      return [seen, lot.size, lot.hasWaiter()];
    });
    expect(out).toEqual([
      [
        ['a', false, 'CancelledError'],
        ['b', true, 'CancelledError'],
      ],
      0,
      false,
    ]);
  });

  test('a primitive belongs to the loop that first parked on it', () => {
    const lot = new ParkingLot<void>(target());
    go(function* () {
      const t = createTask(lot.park());
      yield;
      t.cancel();
      yield* errorOf(t);
    });
    const e = go(function* () {
      return yield* errorOf(lot.park());
    }) as Error;
    expect(e.message).toBe(
      '<Thing> is bound to a different event loop: a primitive belongs to the loop that first waited on it; create one per loop',
    );
  });
});

describe('the scoped forms (hold)', () => {
  test('reject a coroutine given instead of a function, with the fix in the message', () => {
    function* work(): Coro<number> {
      return 1;
    }
    const out = go(function* () {
      const lock = new Lock();
      const sem = new Semaphore(2);
      const e1 = (yield* errorOf(lock.hold(work() as never))) as Error;
      const e2 = (yield* errorOf(sem.hold(work() as never))) as Error;
      const e3 = (yield* errorOf(lock.hold((() => 42) as never))) as Error;
      const cond = new Condition();
      const e4 = (yield* errorOf(cond.hold(work() as never))) as Error;
      const e5 = (yield* errorOf(cond.hold((() => 42) as never))) as Error;
      return [
        e1.message,
        e2.message,
        e3.message,
        e4.message,
        e5.message,
        lock.locked(),
        cond.locked(),
        yield* sem.hold(work),
      ];
    });
    expect(out).toEqual([
      'Lock.hold(): body must be a generator function () => Coro, got coroutine (pass the function, not the coroutine it returns)',
      'Semaphore.hold(): body must be a generator function () => Coro, got coroutine (pass the function, not the coroutine it returns)',
      'Lock.hold(): body must return a coroutine (use function*), got 42',
      'Condition.hold(): body must be a generator function () => Coro, got coroutine (pass the function, not the coroutine it returns)',
      'Condition.hold(): body must return a coroutine (use function*), got 42',
      false,
      false,
      1,
    ]);
  });
});
