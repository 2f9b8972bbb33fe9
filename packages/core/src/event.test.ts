import { describe, expect, test } from 'vitest';
import { Event } from './event';
import { CancelledError } from './exceptions';
import { run, runSync } from './runner';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

describe('Event', () => {
  test('starts cleared; wait returns at once once set', () => {
    const ev = new Event();
    expect(ev.isSet()).toBe(false);
    ev.set();
    expect(ev.isSet()).toBe(true);
    const it = ev.wait();
    expect(it.next()).toEqual({ done: true, value: true });
  });

  test('set wakes every waiter in the order they started waiting', () => {
    const ev = new Event();
    const log: string[] = [];
    function* waiter(name: string): Coro<void> {
      const r = yield* ev.wait();
      log.push(`${name} ${r}`);
    }
    runSync(
      (function* () {
        const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(n)));
        yield;
        log.push('set');
        ev.set();
        for (const t of tasks) yield* t;
      })(),
    );
    expect(log).toEqual(['set', 'a true', 'b true', 'c true']);
  });

  test('clear after set does not take back the wake-up of current waiters', () => {
    const ev = new Event();
    const seen = runSync(
      (function* () {
        const t = createTask(ev.wait());
        yield;
        ev.set();
        ev.clear();
        const r = yield* t;
        const late = createTask(ev.wait());
        yield;
        const lateDone = late.done();
        late.cancel();
        yield;
        return [r, lateDone, late.cancelled(), ev.statistics()];
      })(),
    );
    expect(seen).toEqual([true, false, true, { set: false, waiting: 0 }]);
  });

  test('a cancelled waiter leaves the event and others still wake', () => {
    const ev = new Event();
    const seen = runSync(
      (function* () {
        const a = createTask(ev.wait());
        const b = createTask(ev.wait());
        yield;
        const waitingBefore = ev.statistics().waiting;
        a.cancel();
        yield;
        const waitingAfter = ev.statistics().waiting;
        const str = String(ev);
        ev.set();
        let err: unknown;
        try {
          yield* a;
        } catch (e) {
          err = e;
        }
        return [waitingBefore, waitingAfter, str, err instanceof CancelledError, yield* b];
      })(),
    );
    expect(seen).toEqual([2, 1, '<Event [unset, waiters:1]>', true, true]);
  });

  test('setting a set event does nothing', () => {
    const ev = new Event();
    ev.set();
    ev.set();
    expect(String(ev)).toBe('<Event [set]>');
  });

  test('is bound to the loop of the first task that waits on it', async () => {
    const ev = new Event();
    await run(
      (function* () {
        const t = createTask(ev.wait());
        yield;
        ev.set();
        yield* t;
      })(),
    );
    ev.clear();
    await expect(run(ev.wait())).rejects.toThrow(
      '<Event [unset]> is bound to a different event loop',
    );
    // Waiting is what binds: a set event is waited on without a loop check, as in asyncio.
    ev.set();
    await expect(run(ev.wait())).resolves.toBe(true);
  });
});
