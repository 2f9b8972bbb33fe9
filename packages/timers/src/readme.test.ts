// The README's examples, run as written (the runnable twins of the docs).
import { type Coro, getRunningLoop, run, sleep } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from './index';
import { ScaledClock } from './scaledClock';
import { runVirtual, runVirtualSync } from './testing';

describe('README examples', () => {
  it('quick start: a virtual minute returns at once with loop.time() 60000', async () => {
    function* main(): Coro<number> {
      yield* sleep(60_000);
      return getRunningLoop().time();
    }
    expect(await run(main(), { clock: new VirtualClock() })).toBe(60_000);
  });

  function* retry<T>(attempt: () => T, tries: number, backoff: number): Coro<T> {
    for (let i = 1; ; i++) {
      try {
        return attempt();
      } catch (e) {
        if (i === tries) throw e;
        yield* sleep(backoff * 2 ** (i - 1));
      }
    }
  }

  it('backs off exponentially before the third attempt succeeds', async () => {
    let calls = 0;
    const flaky = () => {
      if (++calls < 3) throw new Error('busy');
      return 'ok';
    };
    const { result, elapsed } = await runVirtual(retry(flaky, 5, 100));
    expect(result).toBe('ok');
    expect(elapsed).toBe(300);
  });

  it('gives up after the last attempt', () => {
    const never = () => {
      throw new Error('down');
    };
    expect(() => runVirtualSync(retry(never, 3, 100))).toThrow('down');
  });

  it('polls every 100 ms until stopped', async () => {
    const clock = new VirtualClock({ autojump: false });
    const seen: number[] = [];
    function* poll(): Coro<void> {
      for (let i = 0; i < 3; i++) {
        yield* sleep(100);
        seen.push(getRunningLoop().time());
      }
    }
    const done = run(poll(), { clock });
    await Promise.resolve();
    clock.advance(250);
    expect(seen).toEqual([100, 200]);
    clock.advance(50);
    await done;
    expect(seen).toEqual([100, 200, 300]);
  });

  it('ScaledClock: ten simulated seconds pass at rate 100 (over a virtual base here)', async () => {
    function* simulation(): Coro<number> {
      yield* sleep(10_000);
      return getRunningLoop().time();
    }
    const base = new VirtualClock();
    expect(await run(simulation(), { clock: new ScaledClock({ rate: 100, base }) })).toBe(10_000);
    expect(base.now()).toBe(100);
  });
});
