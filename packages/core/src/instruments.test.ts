import { TestClock } from '@aio/test-utils';
import { describe, expect, test, vi } from 'vitest';
import { errorOf } from '../test/helpers';
import { Future } from './future';
import { gather } from './gather';
import { EventLoop } from './public';
import { run, runSync } from './runner';
import { sleep } from './sleep';
import { createTask, currentTask } from './taskFunctions';
import type { Coro, Instrument, Task } from './types';
import { describeWait } from './waits';

const name = (t: Task<unknown> | undefined): string => (t === undefined ? '-' : t.getName());

/** An instrument that logs every hook, with the task whose step caused it. */
function recorder(log: string[]): Instrument {
  const by = (): string => {
    try {
      return name(currentTask());
    } catch {
      return '-';
    }
  };
  return {
    beforeRun: () => log.push('beforeRun'),
    afterRun: () => log.push('afterRun'),
    taskCreated: (t, parent) => log.push(`created ${name(t)} parent=${name(parent)}`),
    taskScheduled: (t, wokenBy) =>
      log.push(
        `scheduled ${name(t)} wokenBy=${wokenBy === undefined ? '-' : wokenBy instanceof Future ? String(wokenBy).split(' ')[0] : '?'} by=${by()}`,
      ),
    beforeTaskStep: (t) => log.push(`step ${name(t)} current=${by()}`),
    afterTaskStep: (t) => log.push(`stepped ${name(t)}`),
    taskDone: (t) => log.push(`done ${name(t)}`),
    cancelRequested: (t, canceller, msg) =>
      log.push(`cancel ${name(t)} by=${name(canceller)} msg=${msg}`),
  };
}

describe('instruments', () => {
  test('see task creation, scheduling, steps, cancellation and completion in order', async () => {
    const log: string[] = [];
    function* child(): Coro<string> {
      yield* sleep(10);
      return 'c';
    }
    function* main(): Coro<void> {
      const c = createTask(child(), { name: 'child' });
      yield;
      c.cancel('stop');
      yield* errorOf(c);
    }
    await runNamed(main(), 'main', [recorder(log)]);
    expect(log.slice(0, 17)).toEqual([
      'created main parent=-',
      'scheduled main wokenBy=- by=-',
      'beforeRun',
      'step main current=main',
      'created child parent=main',
      'scheduled child wokenBy=- by=main',
      'scheduled main wokenBy=- by=main',
      'stepped main',
      'step child current=child',
      'stepped child',
      'step main current=main',
      'cancel child by=main msg=stop',
      // The sleep's future is cancelled: that wakes the child, caused by main's step.
      'scheduled child wokenBy=<Future by=main',
      'stepped main',
      'step child current=child',
      // Done: its awaiter is woken first (from inside its last step), then taskDone.
      'scheduled main wokenBy=<Task by=child',
      'done child',
    ]);
    expect(log).toContain('done main');
    expect(log.filter((l) => l === 'beforeRun').length).toBe(
      log.filter((l) => l === 'afterRun').length,
    );
  });

  test('taskScheduled names the future that woke the task, and who completed it', async () => {
    const log: string[] = [];
    await runNamed(
      (function* (): Coro<void> {
        const fut = new Future<number>();
        createTask(
          (function* (): Coro<void> {
            yield;
            fut.setResult(1);
          })(),
          { name: 'setter' },
        );
        yield* fut;
      })(),
      'waiter',
      [
        {
          taskScheduled: (t, wokenBy) => {
            if (wokenBy !== undefined) {
              log.push(`${name(t)} woken by ${String(wokenBy)} from ${name(currentTask())}`);
            }
          },
        },
      ],
    );
    expect(log).toEqual(['waiter woken by <Future finished result=1> from setter']);
  });

  test('a task woken by its sleep is scheduled with a done Future that stands for the sleep', () => {
    const log: string[] = [];
    const out = runSync(
      (function* (): Coro<string> {
        const a = yield* sleep(5, 'a');
        let b = '';
        try {
          yield* sleep(10, 'b');
        } catch (e) {
          b = String(e);
        }
        return `${a} ${b}`;
      })(),
      {
        clock: new TestClock(),
        instruments: [
          {
            taskScheduled: (_t, wokenBy) => {
              if (wokenBy !== undefined)
                log.push(`${wokenBy instanceof Future} ${String(wokenBy)}`);
            },
            afterTaskStep: (t) => {
              // cancels the second sleep through the future that stands for it
              const w = describeWait(t);
              if (w.text === 'sleep until 15') w.future?.cancel('stop');
            },
          },
        ],
      },
    );
    expect(log).toEqual(["true <Future finished result='a'>", 'true <Future cancelled>']);
    expect(out).toBe('a CancelledError: stop');
  });

  test('idle hooks bracket each wait with its timeout (0 when work is ready)', () => {
    const log: string[] = [];
    runSync(sleep(30), {
      clock: new TestClock(),
      instruments: [
        {
          beforeIdle: (ms) => log.push(`before ${ms}`),
          afterIdle: (ms) => log.push(`after ${ms}`),
        },
      ],
    });
    // The main task's first step, the 30 ms wait (a virtual jump), the wake-up step.
    expect(log.slice(0, 4)).toEqual(['before 30', 'after 30', 'before 0', 'after 0']);
  });

  test('the idle wait for the host is closed when the host wakes the loop', async () => {
    const log: string[] = [];
    await run(sleep(15), {
      instruments: [
        {
          beforeIdle: (ms) => log.push(`before ${ms > 0 ? 'wait' : 0}`),
          afterIdle: (ms) => log.push(`after ${ms > 0 ? 'wait' : 0}`),
        },
      ],
    });
    expect(log.slice(0, 2)).toEqual(['before wait', 'after wait']);
    expect(log.filter((l) => l.startsWith('before')).length).toBe(
      log.filter((l) => l.startsWith('after')).length,
    );
  });

  test('a hook that throws is removed and reported; the loop and other instruments go on', () => {
    const reports: string[] = [];
    const steps: string[] = [];
    const bad = {
      name: 'flaky',
      beforeTaskStep: () => {
        throw new Error('oops');
      },
      taskDone: vi.fn(),
    };
    const good: Instrument = { beforeTaskStep: (t) => steps.push(name(t)) };
    const loop = new EventLoop({ clock: new TestClock() });
    loop.setExceptionHandler((_l, ctx) => {
      reports.push(`${ctx.message} / ${(ctx.exception as Error).message}`);
      expect(ctx.instrument).toBe(bad);
    });
    loop.addInstrument(bad);
    loop.addInstrument(good);
    const task = loop.createTask(
      (function* (): Coro<number> {
        yield;
        return 7;
      })(),
      { name: 't' },
    );
    return loop.runUntilComplete(task).then((v) => {
      loop.close();
      expect(v).toBe(7);
      expect(reports).toEqual([
        "Instrument 'flaky' raised an error in its beforeTaskStep hook; it was removed from the loop / oops",
      ]);
      // Removed from every hook: its taskDone never ran.
      expect(bad.taskDone).not.toHaveBeenCalled();
      expect(steps).toEqual(['t', 't']);
    });
  });

  test('hooks may add and remove instruments; adding twice is a no-op', async () => {
    const log: string[] = [];
    const late: Instrument = { taskDone: (t) => log.push(`late saw ${name(t)} done`) };
    const adder: Instrument = {
      taskCreated(t) {
        log.push(`adder saw ${name(t)}`);
        getLoop(t).addInstrument(late);
        getLoop(t).addInstrument(late);
        expect(getLoop(t).removeInstrument(adder)).toBe(true);
        expect(getLoop(t).removeInstrument(adder)).toBe(false);
      },
    };
    await runNamed(
      (function* (): Coro<void> {
        yield* gather(sleep(1), sleep(2));
      })(),
      'main',
      [adder],
    );
    expect(log[0]).toBe('adder saw main');
    expect(log.filter((l) => l === 'late saw main done')).toHaveLength(1);
    expect(log.some((l) => l.startsWith('adder') && l !== 'adder saw main')).toBe(false);
  });

  test('rejects what is not an instrument, naming the call', () => {
    const loop = new EventLoop();
    try {
      expect(() => loop.addInstrument(null as never)).toThrow(
        new TypeError('addInstrument(): an instrument must be an object, got null'),
      );
      expect(() => runSync(sleep(0), { instruments: 5 as never })).toThrow(
        new TypeError('runSync(): instruments must be an iterable of Instrument objects, got 5'),
      );
    } finally {
      loop.close();
    }
  });
});

/** Runs `coro` as a task named `taskName` on a new loop with `instruments`. */
async function runNamed<T>(coro: Coro<T>, taskName: string, instruments: Instrument[]): Promise<T> {
  const loop = new EventLoop({ clock: new TestClock() });
  for (const i of instruments) loop.addInstrument(i);
  try {
    return await loop.runUntilComplete(loop.createTask(coro, { name: taskName }));
  } finally {
    loop.close();
  }
}

function getLoop(t: Task<unknown>): EventLoop {
  return t.getLoop();
}
