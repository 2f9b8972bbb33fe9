// W6: one producer and one consumer pass N items (0 … N-1) through a queue of
// capacity 100; the consumer checks the sum.
//   aio         Queue(100): a producer task yield* q.put(i), main yield* q.get()
//   native      a hand-rolled bounded async queue (ring buffer + promise waiters),
//               async producer and consumer
//   effection   Effection's createQueue() is unbounded (synchronous add); bounded
//               here with a second queue of free slots (credits) so that the
//               producer waits when 100 items are in flight, as the others do
//   effect      Queue.bounded(100), a forked producer offers, main takes
import { Queue, createTask, run } from '@aio/core';
import { check, main, options, timeRuns, triangle } from '../lib/harness.mjs';

const CAPACITY = 100;

/** A minimal bounded async queue: what a careful hand-written native version does. */
class NativeQueue {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = new Array(capacity);
    this.head = 0;
    this.size = 0;
    this.getter = null; // one consumer: at most one waiter each way
    this.putter = null;
  }
  async put(x) {
    while (this.size === this.capacity) {
      await new Promise((resolve) => {
        this.putter = resolve;
      });
    }
    this.items[(this.head + this.size) % this.capacity] = x;
    this.size++;
    const g = this.getter;
    if (g !== null) {
      this.getter = null;
      g();
    }
  }
  async get() {
    while (this.size === 0) {
      await new Promise((resolve) => {
        this.getter = resolve;
      });
    }
    const x = this.items[this.head];
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    const p = this.putter;
    if (p !== null) {
      this.putter = null;
      p();
    }
    return x;
  }
}

const impls = {
  aio: async () => (n) =>
    run(
      (function* () {
        const q = new Queue(CAPACITY);
        createTask(
          (function* () {
            for (let i = 0; i < n; i++) yield* q.put(i);
          })(),
        );
        let s = 0;
        for (let i = 0; i < n; i++) s += yield* q.get();
        return s;
      })(),
    ),
  native: async () => async (n) => {
    const q = new NativeQueue(CAPACITY);
    const producer = (async () => {
      for (let i = 0; i < n; i++) await q.put(i);
    })();
    let s = 0;
    for (let i = 0; i < n; i++) s += await q.get();
    await producer;
    return s;
  },
  effection: async () => {
    const { createQueue, run: erun, spawn } = await import('effection');
    return (n) =>
      erun(function* () {
        const items = createQueue();
        const slots = createQueue();
        yield* spawn(function* () {
          let free = CAPACITY;
          for (let i = 0; i < n; i++) {
            while (free === 0) {
              yield* slots.next();
              free++;
            }
            free--;
            items.add(i);
          }
        });
        let s = 0;
        for (let i = 0; i < n; i++) {
          s += (yield* items.next()).value;
          slots.add(1);
        }
        return s;
      });
  },
  effect: async () => {
    const { Effect, Queue: EQueue } = await import('effect');
    return (n) =>
      Effect.runPromise(
        Effect.gen(function* () {
          const q = yield* EQueue.bounded(CAPACITY);
          yield* Effect.forkChild(
            Effect.gen(function* () {
              for (let i = 0; i < n; i++) yield* EQueue.offer(q, i);
            }),
          );
          let s = 0;
          for (let i = 0; i < n; i++) s += yield* EQueue.take(q);
          return s;
        }),
      );
  },
};

main(async () => {
  const opts = options();
  const load = impls[opts.impl];
  if (load === undefined) throw new Error(`unknown impl ${opts.impl}`);
  const fn = await load();
  await timeRuns(opts, fn, (r) => check('sum of items received', r, triangle(opts.n)));
});
