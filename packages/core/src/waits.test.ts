import { TestClock } from '@aio/test-utils';
import { describe, expect, test } from 'vitest';
import { errorOf, go, ticks } from '../test/helpers';
import { Barrier } from './barrier';
import { Condition } from './condition';
import { Event } from './event';
import { Future } from './future';
import { gather } from './gather';
import { Lock } from './lock';
import { Queue } from './queues';
import { runningLoop } from './runningLoop';
import { Semaphore } from './semaphore';
import { shield } from './shield';
import { sleep } from './sleep';
import { createTask, currentTask } from './taskFunctions';
import { taskGroup } from './taskGroup';
import type { Future as AnyFuture, Coro, Task } from './types';
import { wait } from './wait';
import { waitFor } from './waitFor';
import {
  describeWait,
  findWaitCycles,
  futureAddToAwaitedBy,
  futureDiscardFromAwaitedBy,
  getAwaitedBy,
  peekOutcome,
} from './waits';
import { wrapPromise } from './wrapPromise';

/** Creates a named task. */
function spawn<T>(name: string, coro: Coro<T>): Task<T> {
  return createTask(coro, { name });
}

describe('describeWait', () => {
  test('says what each kind of wait is, in one line', () => {
    const out = go(function* () {
      const loop = runningLoop();
      const lock = new Lock();
      const queue = new Queue<number>(1);
      const full = new Queue<number>(1);
      full.putNowait(0);
      const event = new Event();
      const sem = new Semaphore(0);
      const cond = new Condition();
      const barrier = new Barrier(3);
      const fut = new Future<void>();
      yield* lock.acquire();
      const me = currentTask() as Task<unknown>;
      me.setName('holder');
      const other = spawn('other', sleep(1000));
      const tasks = [
        spawn('sleeper', sleep(500)),
        spawn('locker', lock.acquire()),
        spawn('getter', queue.get()),
        spawn('putter', full.put(1)),
        spawn('joiner', full.join()),
        spawn('eventer', event.wait()),
        spawn('semaphore', sem.acquire()),
        spawn(
          'conditioner',
          cond.hold(() => cond.wait()),
        ),
        spawn('barrier', barrier.wait()),
        spawn(
          'futurer',
          (function* (): Coro<void> {
            yield* fut;
          })(),
        ),
        spawn(
          'awaiter',
          (function* (): Coro<void> {
            yield* other;
          })(),
        ),
        spawn(
          'gatherer',
          (function* (): Coro<void> {
            yield* gather(other, sleep(5));
          })(),
        ),
        spawn(
          'shielder',
          (function* (): Coro<void> {
            yield* shield(other);
          })(),
        ),
        spawn(
          'waiter',
          (function* (): Coro<void> {
            yield* wait([other], { returnWhen: 'FIRST_COMPLETED' });
          })(),
        ),
        spawn(
          'grouper',
          taskGroup(function* (tg) {
            tg.createTask(sleep(700), { name: 'member' });
          }),
        ),
        spawn(
          'promiser',
          (function* (): Coro<void> {
            yield* wrapPromise(new Promise<void>(() => {}));
          })(),
        ),
      ];
      const ready = spawn('fresh', sleep(1));
      yield* ticks(3);
      const lines = tasks.map(
        (t) => `${t.getName()}: ${describeWait(t).kind}: ${describeWait(t).text}`,
      );
      lines.push(`fresh after yield: ${describeWait(ready).kind}`);
      const self = describeWait(me);
      lines.push(`me: ${self.kind}`);
      // Clean up: cancel everything still waiting.
      for (const t of [...tasks, other]) t.cancel();
      lock.release();
      yield* ticks(3);
      lines.push(`done: ${describeWait(other).kind}`);
      void loop;
      return lines;
    });
    expect(out).toEqual([
      'sleeper: sleep: sleep until 500',
      "locker: lock: Lock held by 'holder'",
      'getter: queue-get: Queue.get on <Queue maxsize=1 getters[1]>',
      'putter: queue-put: Queue.put on <Queue maxsize=1 size=1 putters[1] tasks=1>',
      'joiner: queue-join: Queue.join on <Queue maxsize=1 size=1 putters[1] tasks=1>',
      'eventer: event: Event.wait on <Event [unset, waiters:1]>',
      'semaphore: semaphore: Semaphore <Semaphore [locked, waiters:1]>',
      'conditioner: condition: Condition.wait on <Condition [unlocked, waiters:1]>',
      'barrier: barrier: Barrier.wait on <Barrier [filling, waiters:1/3]>',
      'futurer: future: future <Future pending>',
      "awaiter: task: task 'other'",
      'gatherer: gather: gather of 2 (2 pending)',
      "shielder: shield: shield of task 'other'",
      'waiter: wait: wait for 1 future (FIRST_COMPLETED), 1 pending',
      'grouper: task-group: task group waiting for 1 task',
      'promiser: promise: a wrapped native promise',
      'fresh after yield: sleep',
      'me: running',
      'done: done',
    ]);
  });

  test('a task that is scheduled but has not run is ready', () => {
    const out = go(function* () {
      const t = spawn('new', sleep(10));
      const before = describeWait(t).kind;
      yield* t;
      return before;
    });
    expect(out).toBe('ready');
  });

  test('names the tasks a wait depends on: the awaited task, the lock holder, pending children', () => {
    const out = go(function* () {
      const lock = new Lock();
      const holder = spawn(
        'holder',
        lock.hold(() => sleep(100)),
      );
      yield;
      const a = spawn('a', sleep(50));
      const b = spawn('b', sleep(60));
      const locker = spawn('locker', lock.acquire());
      const gatherer = spawn(
        'gatherer',
        (function* (): Coro<void> {
          yield* gather(a, b);
        })(),
      );
      yield;
      const names = (t: Task<unknown>): string[] =>
        describeWait(t).blockers.map((x) => x.getName());
      const r = [names(locker), names(gatherer)];
      yield* holder;
      yield* locker;
      lock.release();
      yield* gatherer;
      return r;
    });
    expect(out).toEqual([['holder'], ['a', 'b']]);
  });

  test('rejects what is not a task', () => {
    expect(() => describeWait({} as never)).toThrow(
      new TypeError('describeWait(): a Task was expected, got [object Object]'),
    );
  });
});

describe('getAwaitedBy', () => {
  test('finds the awaiting task, the gather, the task group owner, the shield, wait(), waitFor(), and explicit edges', () => {
    const out = go(function* () {
      const names = (fs: unknown[]): string[] =>
        fs.map((f) =>
          f instanceof Future && 'getName' in f
            ? (f as unknown as Task<unknown>).getName()
            : (String(f).split(' ')[0] ?? ''),
        );
      const child = spawn('child', sleep(100));
      const awaiter = spawn(
        'awaiter',
        (function* (): Coro<void> {
          yield* child;
        })(),
      );
      const viaWait = spawn('viaWait', wait([child]));
      const viaWaitFor = spawn('viaWaitFor', waitFor(child, 1000));
      const g = gather(child);
      const s = shield(child);
      const manual = new Future<void>();
      futureAddToAwaitedBy(child, manual);
      futureAddToAwaitedBy(child, manual); // once
      yield;
      const all = names(getAwaitedBy(child)).sort();
      futureDiscardFromAwaitedBy(child, manual);
      const afterDiscard = names(getAwaitedBy(child)).length;
      let inGroup: string[] = [];
      const owner = spawn(
        'owner',
        taskGroup(function* (tg) {
          const member = tg.createTask(sleep(10), { name: 'member' });
          yield;
          inGroup = names(getAwaitedBy(member));
        }),
      );
      yield* owner;
      child.cancel();
      yield* errorOf(awaiter);
      yield* errorOf(g);
      yield* viaWait;
      yield* errorOf(viaWaitFor);
      s.cancel();
      return [all, afterDiscard, inGroup];
    });
    expect(out).toEqual([
      ['<Future', '<Future', '<GatheringFuture', 'awaiter', 'viaWait', 'viaWaitFor'],
      5,
      ['owner'],
    ]);
  });

  test('finds a task in waitFor(child, 0), which cancels the child and waits until it has finished', () => {
    const out = go(function* () {
      const child = spawn(
        'slowToStop',
        (function* (): Coro<void> {
          try {
            yield* sleep(100);
          } finally {
            yield* sleep(10); // cleanup that outlasts the cancel
          }
        })(),
      );
      yield;
      const timed = spawn('timed', waitFor(child, 0));
      yield;
      const during = getAwaitedBy(child).map((f) => (f as Task<unknown>).getName());
      const e = yield* errorOf(timed);
      return [during, (e as Error).name, getAwaitedBy(child).length];
    });
    expect(out).toEqual([['timed'], 'TimeoutError', 0]);
  });

  test('rejects what is not a future', () => {
    expect(() => getAwaitedBy(1 as never)).toThrow(
      new TypeError('getAwaitedBy(): a Future was expected, got 1'),
    );
    expect(() => futureAddToAwaitedBy(1 as never, 2 as never)).toThrow(TypeError);
  });
});

describe('findWaitCycles', () => {
  test('finds tasks awaiting each other and a lock cycle, once each, from the earliest task', () => {
    const out = go(function* () {
      const tasks: Record<string, Task<unknown>> = {};
      const awaitOther = (other: string): Coro<void> =>
        (function* (): Coro<void> {
          yield;
          yield* tasks[other] as Task<unknown>;
        })();
      tasks.a = spawn('a', awaitOther('b'));
      tasks.b = spawn('b', awaitOther('a'));
      tasks.c = spawn('c', awaitOther('a')); // waits on the cycle, not in it
      const l1 = new Lock();
      const l2 = new Lock();
      const lockPair = (first: Lock, second: Lock): Coro<void> =>
        (function* (): Coro<void> {
          yield* first.acquire();
          yield* ticks(2);
          yield* second.acquire();
        })();
      tasks.x = spawn('x', lockPair(l1, l2));
      tasks.y = spawn('y', lockPair(l2, l1));
      yield* ticks(5);
      const cycles = findWaitCycles(Object.values(tasks)).map((c) =>
        [...c, c[0]].map((t) => t?.getName()).join(' → '),
      );
      for (const t of Object.values(tasks)) t.cancel();
      yield* ticks(3);
      return cycles;
    });
    expect(out).toEqual(['a → b → a', 'x → y → x']);
  });

  test('handles long chains without recursion', () => {
    const out = go(function* () {
      const n = 50_000;
      const tasks: Task<unknown>[] = [];
      let prev: Task<unknown> | undefined;
      for (let i = 0; i < n; i++) {
        const before = prev;
        const t = spawn(
          `t${i}`,
          (function* (): Coro<void> {
            yield;
            if (before !== undefined) yield* before;
            else yield* new Future<void>();
          })(),
        );
        tasks.push(t);
        prev = t;
      }
      yield* ticks(2);
      const none = findWaitCycles(tasks).length;
      // Cancelling the top of the chain cancels it all, down to the leaf's future.
      (prev as Task<unknown>).cancel();
      yield* errorOf(prev as Task<unknown>);
      return [none, tasks.every((t) => t.cancelled())];
    });
    expect(out).toEqual([0, true]);
  });
});

describe('describeWait from an instrument', () => {
  test('a sleep names its deadline in loop time to the microsecond', () => {
    const text = go(
      function* () {
        const t = createTask(sleep(1000.25));
        yield;
        const w = describeWait(t).text;
        t.cancel();
        return w;
      },
      new TestClock(1 / 3),
    );
    // 1/3 + 1000.25 = 1000.5833333333334
    expect(text).toBe('sleep until 1000.583');
  });

  test("in afterTaskStep, the task's step has ended: it says what the task now waits on", () => {
    const seen: string[] = [];
    go(function* () {
      const loop = runningLoop();
      const ev = new Event();
      const instrument = {
        beforeTaskStep(t: Task<unknown>) {
          if (t.getName() === 'w') seen.push(`before: ${describeWait(t).text}`);
        },
        afterTaskStep(t: Task<unknown>) {
          if (t.getName() === 'w') seen.push(`after: ${describeWait(t).text}`);
        },
      };
      loop.addInstrument(instrument);
      const w = spawn(
        'w',
        (function* (): Coro<void> {
          yield* ev.wait();
          yield* sleep(5);
        })(),
      );
      yield* ticks(1);
      ev.set();
      yield* w;
      loop.removeInstrument(instrument);
    });
    expect(seen).toEqual([
      'before: running',
      'after: Event.wait on <Event [unset, waiters:1]>',
      'before: running',
      'after: sleep until 5',
      'before: running',
      'after: done',
    ]);
  });

  test('in afterTaskStep, a task that gave up control (a bare yield, sleep(0)) is ready to run', () => {
    const seen: string[] = [];
    go(function* () {
      const loop = runningLoop();
      const instrument = {
        afterTaskStep(t: Task<unknown>) {
          if (t.getName() === 'w') seen.push(describeWait(t).kind);
        },
      };
      loop.addInstrument(instrument);
      const w = spawn(
        'w',
        (function* (): Coro<void> {
          yield* sleep(0);
          yield;
          yield* sleep(5);
        })(),
      );
      yield* w;
      loop.removeInstrument(instrument);
    });
    expect(seen).toEqual(['ready', 'ready', 'sleep', 'done']);
  });
});

describe('peekOutcome', () => {
  test('tells pending, result, error and cancelled apart', () => {
    const out = go(function* () {
      const pending = new Future<number>();
      const ok = new Future<number>();
      ok.setResult(7);
      const failed = new Future<number>();
      const boom = new Error('boom');
      failed.setException(boom);
      failed.exception(); // retrieved here, so the loop does not report it
      const cancelled = new Future<number>();
      cancelled.cancel();
      const task = spawn('t', sleep(1, 'x'));
      yield* task;
      const all: AnyFuture<unknown>[] = [pending, ok, failed, cancelled, task];
      return all.map((f) => peekOutcome(f));
    });
    expect(out).toEqual([
      { kind: 'pending' },
      { kind: 'result', value: 7 },
      { kind: 'error', error: new Error('boom') },
      { kind: 'cancelled' },
      { kind: 'result', value: 'x' },
    ]);
  });

  test('reads a failure without retrieving it: the loop still reports it', () => {
    const reports: string[] = [];
    const peeked = go(function* () {
      runningLoop().setExceptionHandler((_l, ctx) => reports.push(ctx.message));
      const t = spawn(
        'fails',
        (function* (): Coro<void> {
          yield* sleep(1);
          throw new TypeError('lost');
        })(),
      );
      yield* sleep(2);
      const o = peekOutcome(t);
      return o.kind === 'error' ? String(o.error) : o.kind;
    });
    expect(peeked).toBe('TypeError: lost');
    expect(reports).toEqual(['Task exception was never retrieved']);
  });

  test('rejects what is not an aio Future', () => {
    expect(() => peekOutcome(Promise.resolve(1) as never)).toThrow(
      'peekOutcome(): a Future was expected, got [object Promise]',
    );
  });
});
