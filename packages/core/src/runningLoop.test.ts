import { describe, expect, test } from 'vitest';
import { loopInternals } from './events';
import { EventLoop } from './public';
import { runSync } from './runner';
import { getRunningLoop, getRunningLoops, peekRunningLoop, swapRunningLoop } from './runningLoop';
import { sleep } from './sleep';

describe('getRunningLoop', () => {
  test('throws outside a running loop, saying how to start one', () => {
    expect(() => getRunningLoop()).toThrow(Error);
    expect(() => getRunningLoop()).toThrow(
      'no running event loop: call this from a coroutine or callback run by an EventLoop ' +
        '(start one with run(main()) or loop.runUntilComplete())',
    );
  });

  test('returns the loop running the current coroutine, and clears the slot after', () => {
    let seen: EventLoop | undefined;
    runSync(
      (function* () {
        seen = getRunningLoop();
      })(),
    );
    expect(seen).toBeInstanceOf(EventLoop);
    expect(seen?.isClosed()).toBe(true);
    expect(peekRunningLoop()).toBeNull();
  });

  test('returns the loop running a plain callback', async () => {
    const loop = new EventLoop();
    let seen: EventLoop | undefined;
    loop.callSoon(() => {
      seen = getRunningLoop();
      loop.stop();
    });
    await loop.runForever();
    expect(seen).toBe(loop);
    loop.close();
  });

  test('swapRunningLoop sets the slot and returns the previous value', () => {
    const loop = loopInternals(new EventLoop(), 'test');
    expect(swapRunningLoop(loop)).toBeNull();
    try {
      expect(getRunningLoop()).toBe(loop);
    } finally {
      expect(swapRunningLoop(null)).toBe(loop);
    }
    loop.close();
  });
});

describe('getRunningLoops', () => {
  test('lists the loops inside a run, oldest first, and forgets them when they stop', async () => {
    const a = new EventLoop();
    const b = new EventLoop();
    const seen: number[] = [];
    const done = a.runUntilComplete(
      (function* () {
        seen.push(getRunningLoops().length);
        yield* sleep(5);
        seen.push(getRunningLoops().indexOf(a));
      })(),
    );
    const other = b.runUntilComplete(sleep(1));
    expect(getRunningLoops()).toEqual([a, b]);
    await Promise.all([done, other]);
    expect(getRunningLoops()).toEqual([]);
    // a's first step runs inside a.runUntilComplete(), before b starts.
    expect(seen).toEqual([1, 0]);
    a.close();
    b.close();
  });
});
