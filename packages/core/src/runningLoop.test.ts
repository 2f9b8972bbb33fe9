import { describe, expect, test } from 'vitest';
import { loopInternals } from './events';
import { EventLoop } from './public';
import { runSync } from './runner';
import { getRunningLoop, peekRunningLoop, swapRunningLoop } from './runningLoop';

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
