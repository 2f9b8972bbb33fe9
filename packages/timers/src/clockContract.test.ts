// The clock contract (see `Clock` in @aio/core), checked against every clock:
// now() is monotonic, a wake-up is never delivered synchronously, never before
// its deadline, exactly once, in deadline order with FIFO ties, and a cleared
// wake-up never comes. These tests drive the clocks directly, without a loop.
import { RealClock } from '@aio/core';
import type { Clock, EventLoop, IdleInfo } from '@aio/core';
import { describe, expect, it } from 'vitest';
import { ScaledClock } from './scaledClock';
import { VirtualClock } from './virtualClock';

interface Harness {
  name: string;
  make(): Clock;
  /** Lets about `ms` of the clock's time pass and lets due wake-ups be delivered. */
  pass(clock: Clock, ms: number): Promise<void>;
  /** The clock's time per `pass` step while waiting for wake-ups. */
  step: number;
  /** Whether the clock promises FIFO ties and never-early delivery. */
  exact: boolean;
}

const idle = (): IdleInfo => ({ hostPending: 0, hostIdle: false, loop: {} as EventLoop });
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const realDelay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const baseOf = new WeakMap<Clock, VirtualClock>();

const harnesses: Harness[] = [
  {
    name: 'VirtualClock moved by advance()',
    make: () => new VirtualClock({ autojump: false }),
    pass: async (c, ms) => {
      (c as VirtualClock).advance(ms);
      await flush();
    },
    step: 1,
    exact: true,
  },
  {
    name: 'VirtualClock moved by advanceIdle() (autojump)',
    make: () => new VirtualClock(),
    pass: async (c, ms) => {
      (c as VirtualClock).advanceIdle(c.now() + ms, idle());
      await flush();
    },
    step: 1,
    exact: true,
  },
  {
    name: 'ScaledClock ×4 over a VirtualClock',
    make: () => {
      const base = new VirtualClock({ autojump: false });
      const clock = new ScaledClock({ rate: 4, base, start: 100 });
      baseOf.set(clock, base);
      return clock;
    },
    pass: async (c, ms) => {
      baseOf.get(c)!.advance(ms / 4);
      await flush();
    },
    step: 1,
    exact: true,
  },
  {
    name: 'ScaledClock ×0.5 over a VirtualClock',
    make: () => {
      const base = new VirtualClock({ autojump: false, start: 7 });
      const clock = new ScaledClock({ rate: 0.5, base });
      baseOf.set(clock, base);
      return clock;
    },
    pass: async (c, ms) => {
      baseOf.get(c)!.advance(ms / 0.5);
      await flush();
    },
    step: 1,
    exact: true,
  },
  {
    name: 'ScaledClock ×10 over the real clock',
    make: () => new ScaledClock({ rate: 10 }),
    pass: (_c, ms) => realDelay(Math.max(1, ms / 10)),
    step: 10,
    exact: true,
  },
  {
    // RealClock (core) can deliver up to ~1 ms early and does not keep ties in
    // order (see the timers report); the loop tolerates both, so only the rest of
    // the contract is checked here.
    name: 'RealClock (core)',
    make: () => new RealClock(),
    pass: (_c, ms) => realDelay(Math.max(1, ms)),
    step: 1,
    exact: false,
  },
];

/** Passes time step by step until `done()` (bounded), sampling now() for monotonicity. */
async function driveUntil(h: Harness, clock: Clock, done: () => boolean, samples: number[]) {
  for (let i = 0; i < 5000 && !done(); i++) {
    samples.push(clock.now());
    await h.pass(clock, h.step);
    samples.push(clock.now());
  }
  expect(done()).toBe(true);
}

function expectNonDecreasing(samples: number[]): void {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i]! < samples[i - 1]!) {
      throw new Error(`now() went back from ${samples[i - 1]} to ${samples[i]} at sample ${i}`);
    }
  }
}

for (const h of harnesses) {
  describe(`clock contract: ${h.name}`, () => {
    it('never goes back in time', async () => {
      const clock = h.make();
      const samples: number[] = [];
      let fired = 0;
      for (let k = 1; k <= 20; k++) {
        clock.setTimer(clock.now() + k * h.step, () => {
          samples.push(clock.now());
          fired++;
        });
      }
      await driveUntil(h, clock, () => fired === 20, samples);
      expectNonDecreasing(samples);
      expect(samples.length).toBeGreaterThan(20);
    });

    it('never calls wake synchronously inside setTimer, even for a past deadline', async () => {
      const clock = h.make();
      const calls: string[] = [];
      clock.setTimer(clock.now() - 5, () => calls.push('past'));
      clock.setTimer(clock.now(), () => calls.push('now'));
      expect(calls).toEqual([]);
      await driveUntil(h, clock, () => calls.length === 2, []);
      expect(calls).toEqual(['past', 'now']);
    });

    it('calls each wake exactly once', async () => {
      const clock = h.make();
      const counts = [0, 0, 0];
      const t0 = clock.now();
      counts.forEach((_, i) => {
        clock.setTimer(t0 + (i + 1) * h.step, () => counts[i]!++);
      });
      await driveUntil(h, clock, () => counts.every((c) => c > 0), []);
      for (let i = 0; i < 10; i++) await h.pass(clock, h.step);
      expect(counts).toEqual([1, 1, 1]);
    });

    it('never delivers a cleared wake-up, and clearing twice or after firing is a no-op', async () => {
      const clock = h.make();
      const calls: string[] = [];
      const t0 = clock.now();
      const a = clock.setTimer(t0 + h.step, () => calls.push('a'));
      const b = clock.setTimer(t0 + 2 * h.step, () => calls.push('b'));
      clock.setTimer(t0 + 3 * h.step, () => calls.push('c'));
      clock.clearTimer(a);
      clock.clearTimer(a);
      clock.clearTimer(b);
      await driveUntil(h, clock, () => calls.length === 1, []);
      expect(calls).toEqual(['c']);
      const d = clock.setTimer(clock.now(), () => calls.push('d'));
      await driveUntil(h, clock, () => calls.length === 2, []);
      clock.clearTimer(d);
      expect(calls).toEqual(['c', 'd']);
    });

    if (h.exact) {
      it('never delivers a wake-up before now() reaches its deadline', async () => {
        const clock = h.make();
        const late: number[] = [];
        const t0 = clock.now();
        let fired = 0;
        for (let k = 0; k < 40; k++) {
          const deadline = t0 + ((k * 7) % 13) * h.step + k / 10;
          clock.setTimer(deadline, () => {
            late.push(clock.now() - deadline);
            fired++;
          });
        }
        await driveUntil(h, clock, () => fired === 40, []);
        expect(late.filter((d) => d < 0)).toEqual([]);
      });

      it('delivers wake-ups in deadline order, equal deadlines first-armed first', async () => {
        const clock = h.make();
        const order: string[] = [];
        const t0 = clock.now();
        const plan: Array<[string, number]> = [
          ['late-1', 3],
          ['early-1', 1],
          ['mid-1', 2],
          ['early-2', 1],
          ['late-2', 3],
          ['mid-2', 2],
          ['early-3', 1],
        ];
        for (const [name, k] of plan) clock.setTimer(t0 + k * h.step, () => order.push(name));
        await driveUntil(h, clock, () => order.length === plan.length, []);
        expect(order).toEqual([
          'early-1',
          'early-2',
          'early-3',
          'mid-1',
          'mid-2',
          'late-1',
          'late-2',
        ]);
      });

      it('keeps ties FIFO for 1000 wake-ups armed for one deadline', async () => {
        const clock = h.make();
        const order: number[] = [];
        const deadline = clock.now() + h.step;
        for (let i = 0; i < 1000; i++) clock.setTimer(deadline, () => order.push(i));
        await driveUntil(h, clock, () => order.length === 1000, []);
        expect(order).toEqual(Array.from({ length: 1000 }, (_, i) => i));
      });
    }
  });
}
