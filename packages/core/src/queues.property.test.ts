import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TestClock } from '@aio/test-utils';
import { QueueEmpty, QueueShutDown } from './exceptions';
import { LifoQueue, PriorityQueue, Queue } from './queues';
import { runSync } from './runner';
import { sleep } from './sleep';
import type { Task } from './public';
import { createTask } from './taskFunctions';
import type { Coro } from './types';

/** What the driver does at one step. */
type Action =
  | { kind: 'producers'; count: number; items: number }
  | { kind: 'consumers'; count: number; gets: number }
  | { kind: 'putNowait' }
  | { kind: 'getNowait' }
  | { kind: 'tick' }
  | { kind: 'shutdown'; immediate: boolean };

/**
 * A step: an action, then maybe the cancellation of one of the two oldest producers
 * or consumers still running, in the same loop iteration. The oldest waiter is the
 * one a put or a get wakes first, so a wake-up followed by a cancellation of the
 * task it woke (the case that loses items or wake-ups when handled wrong) is common.
 */
interface Cmd {
  action: Action;
  cancel: { role: 'producer' | 'consumer'; which: number } | null;
  /** Then let the loop run until idle and check for lost wake-ups. */
  settle: boolean;
}

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('producers' as const),
      count: fc.integer({ min: 1, max: 3 }),
      items: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('consumers' as const),
      count: fc.integer({ min: 1, max: 3 }),
      gets: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'putNowait' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'getNowait' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'tick' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('shutdown' as const), immediate: fc.boolean() }),
  },
);

const cmd: fc.Arbitrary<Cmd> = fc.record({
  action,
  cancel: fc.option(
    fc.record({
      role: fc.constantFrom('producer' as const, 'consumer' as const),
      which: fc.nat({ max: 1 }),
    }),
    { freq: 2 },
  ),
  settle: fc.boolean(),
});

type Kind = 'fifo' | 'lifo' | 'priority';

function makeQueue(kind: Kind, maxsize: number): Queue<number> {
  if (kind === 'lifo') return new LifoQueue<number>(maxsize);
  if (kind === 'priority') return new PriorityQueue<number>(maxsize);
  return new Queue<number>(maxsize);
}

interface Outcome {
  putOk: number[];
  received: number[];
  dropped: number;
  leftover: { getters: number; putters: number };
  pendingTasks: number;
  stuck: string[];
}

/**
 * Runs the commands against a queue with producer and consumer tasks, then shuts
 * the queue down and drains it. Returns what was put, what was received, and any
 * lost wake-up seen at a quiescent point (the loop idle: a getter waiting on a
 * non-empty queue, or a putter waiting on a queue with room).
 */
function play(kind: Kind | (() => Queue<number>), maxsize: number, cmds: Cmd[]): Outcome {
  const q = typeof kind === 'function' ? kind() : makeQueue(kind, maxsize);
  const putOk: number[] = [];
  const received: number[] = [];
  const stuck: string[] = [];
  const producers: Task<void>[] = [];
  const consumers: Task<void>[] = [];
  let nextId = 0;
  let dropped = 0;

  function* producer(n: number): Coro<void> {
    for (let i = 0; i < n; i++) {
      const id = nextId++;
      try {
        yield* q.put(id);
      } catch (e) {
        if (e instanceof QueueShutDown) return;
        throw e;
      }
      putOk.push(id);
    }
  }

  function* consumer(n: number): Coro<void> {
    for (let i = 0; i < n; i++) {
      try {
        received.push(yield* q.get());
      } catch (e) {
        if (e instanceof QueueShutDown) return;
        throw e;
      }
    }
  }

  function* settle(where: string): Coro<void> {
    // A timer fires only once the loop has nothing ready: every woken task has run.
    yield* sleep(1);
    const s = q.statistics();
    if (s.gettersWaiting > 0 && s.size > 0) stuck.push(`${where}: getter waits, ${s.size} items`);
    if (s.puttersWaiting > 0 && !q.full()) stuck.push(`${where}: putter waits, queue not full`);
  }

  function* driver(): Coro<Outcome> {
    for (const [step, { action: c, cancel, settle: settleAfter }] of cmds.entries()) {
      switch (c.kind) {
        case 'producers':
          for (let i = 0; i < c.count; i++) producers.push(createTask(producer(c.items)));
          break;
        case 'consumers':
          for (let i = 0; i < c.count; i++) consumers.push(createTask(consumer(c.gets)));
          break;
        case 'putNowait': {
          const id = nextId++;
          try {
            q.putNowait(id);
            putOk.push(id);
          } catch {}
          break;
        }
        case 'getNowait':
          try {
            received.push(q.getNowait());
          } catch (e) {
            if (!(e instanceof QueueEmpty || e instanceof QueueShutDown)) throw e;
          }
          break;
        case 'tick':
          yield;
          break;
        case 'shutdown':
          if (c.immediate) dropped += q.qsize();
          q.shutdown(c.immediate);
          break;
      }
      if (cancel !== null) {
        const live = (cancel.role === 'producer' ? producers : consumers).filter((t) => !t.done());
        if (live.length > 0) (live[cancel.which % live.length] as Task<void>).cancel();
      }
      if (settleAfter) yield* settle(`after step ${step}`);
    }
    yield* settle('end of commands');
    q.shutdown();
    // Drain what the consumers left.
    for (;;) {
      try {
        received.push(q.getNowait());
      } catch {
        break;
      }
    }
    yield* sleep(1);
    const s = q.statistics();
    let pending = 0;
    for (const t of [...producers, ...consumers]) {
      if (!t.done()) pending++;
      else if (!t.cancelled() && t.exception() !== undefined) throw t.exception();
    }
    return {
      putOk,
      received,
      dropped,
      leftover: { getters: s.gettersWaiting, putters: s.puttersWaiting },
      pendingTasks: pending,
      stuck,
    };
  }

  return runSync(driver(), { clock: new TestClock() });
}

describe('Queue under random producers, consumers and cancellations (property)', () => {
  for (const kind of ['fifo', 'lifo', 'priority'] as const) {
    test(`${kind}: never loses or duplicates an item and leaves no waiter behind`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 4 }),
          fc.array(cmd, { maxLength: 30 }),
          (maxsize, cmds) => {
            const out = play(kind, maxsize, cmds);
            // No duplicates, nothing received that was not put.
            expect(new Set(out.received).size).toBe(out.received.length);
            const put = new Set(out.putOk);
            for (const x of out.received) expect(put.has(x)).toBe(true);
            // Nothing lost: every item put was received, or dropped by shutdown(true).
            expect(out.received.length + out.dropped).toBe(out.putOk.length);
            // No lost wake-up at quiescent points, and nobody left waiting at the end.
            expect(out.stuck).toEqual([]);
            expect(out.leftover).toEqual({ getters: 0, putters: 0 });
            expect(out.pendingTasks).toBe(0);
            if (kind === 'fifo' && out.dropped === 0) {
              // FIFO: items come out in the order their puts completed.
              expect(out.received).toEqual(out.putOk.slice(0, out.received.length));
            }
          },
        ),
        { numRuns: 1000 },
      );
    });
  }

  test('the property detects a queue that loses items (it can fail)', () => {
    // A broken queue whose storage silently drops every third item.
    class LossyQueue extends Queue<number> {
      #n = 0;
      protected override _put(item: number): void {
        if (++this.#n % 3 !== 0) super._put(item);
      }
    }
    const cmds: Cmd[] = [
      { action: { kind: 'producers', count: 1, items: 6 }, cancel: null, settle: false },
      { action: { kind: 'consumers', count: 1, gets: 6 }, cancel: null, settle: true },
    ];
    const out = play(() => new LossyQueue(), 0, cmds);
    expect(out.received.length + out.dropped).toBeLessThan(out.putOk.length);
    expect(out.received).toEqual([0, 1, 3, 4]);
  });
});
