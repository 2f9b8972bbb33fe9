import { allTasks, type Coro, createTask, Queue, sleep, type Task } from '@aio/core';
import {
  Observable,
  type SchedulerAction,
  type SchedulerLike,
  Subject,
  type Subscription,
  take,
  timer,
  toArray,
  of as rxOf,
} from 'rxjs';
import { describe, expect, it } from 'vitest';
import { runOnLoop, swallowCancel } from '../testing/loop.testutil';
import { fromObservable } from './fromObservable';
import { loopScheduler } from './loopScheduler';
import { observe } from './observe';
import { toObservable } from './toObservable';

const N = 10_000;

/** Counts live subscriptions to the observables it makes. */
function subscriptionCounter() {
  const counter = {
    active: 0,
    /** Never emits. */
    never(): Observable<number> {
      return new Observable<number>(() => {
        counter.active++;
        return () => {
          counter.active--;
        };
      });
    },
    /** Emits 0..n-1 synchronously while open, then completes. */
    range(n: number): Observable<number> {
      return new Observable<number>((s) => {
        counter.active++;
        for (let i = 0; i < n && !s.closed; i++) s.next(i);
        s.complete();
        return () => {
          counter.active--;
        };
      });
    },
    /** Wraps another observable. */
    wrap<T>(obs: Observable<T>): Observable<T> {
      return new Observable<T>((s) => {
        counter.active++;
        const sub = obs.subscribe(s);
        return () => {
          sub.unsubscribe();
          counter.active--;
        };
      });
    },
  };
  return counter;
}

describe(`every RxJS bridge, ${N} times, leaves nothing behind`, { timeout: 60_000 }, () => {
  it('toObservable, hot and cold, completed and unsubscribed', async () => {
    const counter = subscriptionCounter();
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        let sub: Subscription;
        if (i % 2 === 0) {
          const task = createTask(sleep(i % 4 === 0 ? 1 : 1000));
          sub = counter.wrap(toObservable(task, { cancelOnUnsubscribe: true })).subscribe();
          yield* sleep(0);
          if (i % 4 !== 0) sub.unsubscribe();
          yield* swallowCancel(task);
        } else {
          sub = counter.wrap(toObservable(() => sleep(i % 4 === 1 ? 1 : 1000))).subscribe();
          yield* sleep(2);
          sub.unsubscribe();
        }
      }
      yield* sleep(0);
    });
    expect(counter.active).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });

  it('toObservable of a queue, an iterator and a producer factory, completed and unsubscribed', async () => {
    const queue = new Queue<number>();
    let producers = 0;
    let received = 0;
    function* producer(q: Queue<number>): Coro<void> {
      producers++;
      try {
        for (;;) yield* q.put(1); // soon blocked: the queue holds one item
      } finally {
        producers--;
      }
    }
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        switch (i % 3) {
          case 0: {
            const sub = toObservable(queue).subscribe(() => received++);
            queue.putNowait(i);
            yield* sleep(0);
            sub.unsubscribe();
            break;
          }
          case 1:
            received += (yield* fromObservable(
              toObservable(observe(rxOf(1, 2, 3))).pipe(toArray()),
            )).length;
            break;
          default:
            received += (yield* fromObservable(
              toObservable((tg) => {
                const q = new Queue<number>(1);
                tg.createTask(producer(q));
                return q.iter();
              }).pipe(take(2), toArray()),
            )).length;
        }
      }
      yield* sleep(1);
    });
    const count = (r: number) => Math.floor((N - 1 - r) / 3) + 1; // how many i with i % 3 === r
    expect(received).toBe(count(0) * 1 + count(1) * 3 + count(2) * 2);
    expect(producers).toBe(0);
    expect(queue.statistics()).toMatchObject({ size: 0, gettersWaiting: 0 });
    expect(allTasks(loop).size).toBe(0);
  });

  it('fromObservable, resolved, first value, failed and cancelled', async () => {
    const counter = subscriptionCounter();
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        switch (i % 4) {
          case 0:
            yield* fromObservable(counter.range(3));
            break;
          case 1:
            yield* fromObservable(counter.range(1000), { first: true });
            break;
          case 2: {
            const subject = new Subject<number>();
            const fut = fromObservable(counter.wrap(subject));
            subject.error(new Error('x'));
            try {
              yield* fut;
            } catch {}
            break;
          }
          default: {
            const fut = fromObservable(counter.never());
            const waiter = createTask(
              (function* () {
                return yield* fut;
              })(),
            );
            yield* sleep(0);
            waiter.cancel();
            yield* swallowCancel(waiter as Task<unknown>);
          }
        }
      }
      yield* sleep(0);
    });
    expect(counter.active).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });

  it('observe, exhausted, overflowed, returned and cancelled', async () => {
    const counter = subscriptionCounter();
    const loop = await runOnLoop(function* () {
      for (let i = 0; i < N; i++) {
        switch (i % 4) {
          case 0: {
            const it = observe(counter.range(5));
            while (!(yield* it.next()).done) {}
            break;
          }
          case 1: {
            const it = observe(counter.range(1000), { bufferSize: 4 });
            try {
              yield* it.next();
            } catch {}
            break;
          }
          case 2: {
            const it = observe(counter.never());
            const waiter = createTask(it.next());
            yield* sleep(0);
            yield* it.return();
            waiter.cancel();
            yield* swallowCancel(waiter as Task<unknown>);
            break;
          }
          default: {
            const it = observe(counter.never());
            const waiter = createTask(it.next());
            yield* sleep(0);
            waiter.cancel();
            yield* swallowCancel(waiter as Task<unknown>);
          }
        }
      }
      yield* sleep(0);
    });
    expect(counter.active).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });

  it('loopScheduler actions, fired and unsubscribed', async () => {
    const counter = subscriptionCounter();
    let openActions = 0;
    const loop = await runOnLoop(function* () {
      const base = loopScheduler();
      // Counts the actions the operators create, and those closed again.
      const counted: SchedulerLike = {
        now: () => base.now(),
        schedule<T>(
          work: (this: SchedulerAction<T>, state?: T) => void,
          delay?: number,
          state?: T,
        ) {
          const action = base.schedule(work, delay, state);
          openActions++;
          action.add(() => openActions--);
          return action;
        },
      };
      for (let i = 0; i < N; i++) {
        const sub = counter.wrap(timer(5, counted)).subscribe();
        if (i % 2 === 0) sub.unsubscribe();
        yield* sleep(i % 2 === 0 ? 0 : 10);
      }
      yield* sleep(0);
    });
    expect(counter.active).toBe(0);
    expect(openActions).toBe(0);
    expect(allTasks(loop).size).toBe(0);
  });
});
