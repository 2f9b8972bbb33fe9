import {
  type Coro,
  createTask,
  currentTask,
  Event,
  EventLoop,
  getRunningLoop,
  Future,
  gather,
  run,
  sleep,
  taskGroup,
  wrapPromise,
} from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { type ChromeTrace, type Recorder, recordTrace, type TraceEvent } from './index';
import { recordLockDemo } from './testing/programs.testutil';
import { checkTrace } from './testing/traceChecks.testutil';

const trackNames = (t: ChromeTrace): string[] =>
  t.traceEvents
    .filter((e) => e.ph === 'M' && e.name === 'thread_name')
    .map((e) => String(e.args?.name));

/** `from → to` for each flow, named by the tracks' names. */
function arrows(t: ChromeTrace): string[] {
  const names = new Map(
    t.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => [e.tid, String(e.args?.name)]),
  );
  return checkTrace(t).flows.map(
    (f) =>
      `${f.name}: ${f.from.tid === 0 ? f.from.name : names.get(f.from.tid)} → ${names.get(f.to.tid)} step ${f.to.args?.step}`,
  );
}

const stepsOf = (t: ChromeTrace, tid: number): TraceEvent[] =>
  t.traceEvents.filter((e) => e.ph === 'X' && e.tid === tid);

describe('recordTrace', () => {
  it('records a known program: its tracks, arrows, cancel instant and what each step did', async () => {
    const trace = (await recordLockDemo()).toChromeTrace();
    const { problems } = checkTrace(trace);
    expect(problems).toEqual([]);
    expect(trackNames(trace)).toEqual([
      'event loop',
      'main #1',
      'writer #2',
      'reader #3',
      'sleeper #4',
    ]);
    expect(arrows(trace)).toEqual([
      'spawn: main #1 → writer #2 step 1',
      'spawn: main #1 → reader #3 step 1',
      'spawn: main #1 → sleeper #4 step 1',
      'wake: timer (sleep until 1) → reader #3 step 2',
      'wake: timer (sleep until 150) → writer #2 step 2',
      'wake: writer #2 → reader #3 step 3',
      'wake: gather done → main #1 step 2',
      'wake: main #1 → sleeper #4 step 2',
    ]);
    const cancels = trace.traceEvents.filter((e) => e.ph === 'i');
    expect(cancels).toMatchObject([
      { name: 'cancel requested', tid: 4, s: 't', args: { by: 'main #1', message: 'not needed' } },
    ]);
    expect(stepsOf(trace, 3).map((e) => e.args?.next ?? e.args?.outcome)).toEqual([
      'sleep until 1',
      "Lock held by 'writer'",
      'returned',
    ]);
    expect(stepsOf(trace, 4).map((e) => e.args?.next ?? e.args?.outcome)).toEqual([
      'sleep until 1000',
      'cancelled',
    ]);
  });

  it('says what a step ended waiting on, even when a callback sets it at once', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        rec = recordTrace();
        const ev = new Event();
        const waiter = createTask(ev.wait(), { name: 'waiter' });
        // Queued after the waiter's first step: runs right after it, before any other hook.
        getRunningLoop().callSoon(() => ev.set());
        yield* waiter;
      })(),
      { clock: new TestClock() },
    );
    const trace = (rec as Recorder).toChromeTrace();
    expect(stepsOf(trace, 2).map((e) => e.args?.next ?? e.args?.outcome)).toEqual([
      'Event.wait on <Event [unset, waiters:1]>',
      'returned',
    ]);
    expect(arrows(trace)).toContain(
      'wake: callback (Event.wait on <Event [unset, waiters:1]>) → waiter #2 step 2',
    );
  });

  it('stamps events in loop time, so a virtual clock run shows its virtual timeline', async () => {
    const trace = (await recordLockDemo()).toChromeTrace();
    for (const e of trace.traceEvents.filter((x) => x.ph === 'X')) {
      const loopMs = e.args?.loopTime as number;
      // Within a few ns of the loop time (distinct moments are 1 ns apart).
      expect(Math.abs((e.ts as number) - loopMs * 1000)).toBeLessThan(1);
    }
    const writer = stepsOf(trace, 2);
    expect(writer.map((e) => e.args?.loopTime)).toEqual([0, 150]);
    const idle = trace.traceEvents.filter((e) => e.tid === 0 && e.name.startsWith('idle'));
    expect(idle.map((e) => [e.name, Math.round((e.dur as number) / 1000)])).toEqual([
      ['idle (timeout 1 ms)', 1],
      ['idle (timeout 149 ms)', 149],
    ]);
  });

  it('gives every flow a unique id and both ends, bound to the steps they join', async () => {
    const trace = (await recordLockDemo()).toChromeTrace();
    const s = trace.traceEvents.filter((e) => e.ph === 's').map((e) => e.id);
    const f = trace.traceEvents.filter((e) => e.ph === 'f').map((e) => e.id);
    expect(new Set(s).size).toBe(s.length);
    expect([...f].sort()).toEqual([...s].sort());
    expect(checkTrace(trace).flows).toHaveLength(s.length);
  });

  it('records the steps of a real-clock run with their real durations', async () => {
    let rec: Recorder | undefined;
    function* busy(): Coro<void> {
      const until = performance.now() + 3;
      while (performance.now() < until) {
        // hold the loop for 3 ms
      }
      yield* sleep(1);
    }
    await run(
      (function* (): Coro<void> {
        rec = recordTrace();
        yield* createTask(busy(), { name: 'busy' });
      })(),
    );
    const trace = (rec as Recorder).toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    const first = trace.traceEvents.find((e) => e.ph === 'X' && e.name === 'busy');
    expect(first?.dur).toBeGreaterThanOrEqual(2900);
  });

  it('records a failure as the outcome of the last step, and an eager task nested in its parent', async () => {
    let rec: Recorder | undefined;
    const loop = new EventLoop({ clock: new TestClock() });
    loop.setTaskFactory(null);
    await loop.runUntilComplete(
      (function* (): Coro<void> {
        rec = recordTrace();
        const bad = loop.createTask(
          (function* (): Coro<void> {
            throw new Error('boom');
          })(),
          { name: 'bad', eagerStart: true },
        );
        yield* gather(bad, sleep(1), { returnExceptions: true });
      })(),
    );
    loop.close();
    const trace = (rec as Recorder).toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    const bad = trace.traceEvents.find((e) => e.ph === 'X' && e.name === 'bad');
    expect(bad?.args?.outcome).toBe('failed: Error("boom")');
    const parent = trace.traceEvents.find((e) => e.ph === 'X' && e.tid !== 0 && e.name !== 'bad');
    // The eager step ran inside the parent's step (on its own track).
    expect(bad?.ts).toBeGreaterThan(parent?.ts as number);
    expect((bad?.ts as number) + (bad?.dur as number)).toBeLessThan(
      (parent?.ts as number) + (parent?.dur as number),
    );
  });

  it('draws a wake-up by a settled native promise from the event loop track', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        rec = recordTrace();
        yield* createTask(
          (function* (): Coro<void> {
            yield* wrapPromise(Promise.resolve(1));
          })(),
          { name: 'awaiter' },
        );
      })(),
    );
    const trace = (rec as Recorder).toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    expect(arrows(trace)).toContain(
      'wake: promise settled (a wrapped native promise) → awaiter #2 step 2',
    );
  });

  it('shows a task group: children created by the body, the owner woken when they are done', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        currentTask()?.setName('owner');
        rec = recordTrace();
        yield* taskGroup(function* (tg) {
          tg.createTask(sleep(5), { name: 'a' });
          tg.createTask(sleep(10), { name: 'b' });
        });
      })(),
      { clock: new TestClock() },
    );
    const trace = (rec as Recorder).toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    expect(arrows(trace)).toEqual([
      'spawn: owner #1 → a #2 step 1',
      'spawn: owner #1 → b #3 step 1',
      'wake: timer (sleep until 5) → a #2 step 2',
      'wake: timer (sleep until 10) → b #3 step 2',
      'wake: task group done → owner #1 step 2',
    ]);
  });

  it('attributes every step to its task when recording starts with tasks already queued', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        const early = [0, 1, 2].map((i) =>
          createTask(
            (function* (): Coro<void> {
              yield;
              yield* sleep(i);
            })(),
            { name: `early${i}` },
          ),
        );
        rec = recordTrace(); // the three are on the ready queue, not yet stepped
        const late = createTask(sleep(1), { name: 'late' });
        for (const t of [...early, late]) yield* t;
      })(),
      { clock: new TestClock() },
    );
    const trace = (rec as Recorder).toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    const steps = trace.traceEvents.filter((e) => e.ph === 'X' && e.tid !== 0);
    for (const e of steps) expect(e.args?.task).toBe(`${e.name} #${e.tid}`);
    expect(steps.filter((e) => e.name === 'early1').map((e) => e.args?.step)).toEqual([1, 2, 3]);
    expect(steps.filter((e) => e.name === 'late').map((e) => e.args?.step)).toEqual([1, 2]);
  });

  it('stops recording: later events are not recorded, and a step open at stop() ends there', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        rec = recordTrace();
        yield* sleep(1);
        rec.stop();
        expect(rec.recording).toBe(false);
        yield* createTask(sleep(1), { name: 'after' });
      })(),
      { clock: new TestClock() },
    );
    const trace = (rec as Recorder).toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    expect(trackNames(trace)).not.toContain('after #2');
    expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.tid === 1)).toHaveLength(2);
  });

  it('stops by itself at maxSteps and says so in the trace', async () => {
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        rec = recordTrace(undefined, { maxSteps: 3 });
        for (let i = 0; i < 10; i++) yield;
      })(),
    );
    const r = rec as Recorder;
    expect(r.recording).toBe(false);
    const trace = r.toChromeTrace();
    expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.tid !== 0)).toHaveLength(3);
    expect(trace.traceEvents.find((e) => e.name === 'recording stopped')?.args?.reason).toBe(
      'the limit of 3 steps was reached',
    );
  });

  it('takes a snapshot from inside a running step, the step ending at the snapshot', async () => {
    await run(
      (function* (): Coro<void> {
        const rec = recordTrace();
        yield* sleep(1);
        const trace = rec.toChromeTrace();
        expect(checkTrace(trace).problems).toEqual([]);
        expect(trace.traceEvents.filter((e) => e.ph === 'X' && e.tid === 1)).toHaveLength(2);
      })(),
      { clock: new TestClock() },
    );
  });

  it('keeps no task alive', async () => {
    let ref: WeakRef<object> | undefined;
    let rec: Recorder | undefined;
    await run(
      (function* (): Coro<void> {
        rec = recordTrace();
        const t = createTask(sleep(1), { name: 'gone' });
        ref = new WeakRef(t);
        yield* t;
      })(),
      { clock: new TestClock() },
    );
    const { wasCollected } = await import('@aio/test-utils');
    expect(await wasCollected(ref as WeakRef<object>)).toBe(true);
    expect(trackNames((rec as Recorder).toChromeTrace())).toContain('gone #2');
  });

  it('rejects bad arguments with errors that say what was wrong', () => {
    expect(() => recordTrace()).toThrow(/recordTrace\(\): no event loop is running/);
    expect(() => recordTrace({} as EventLoop)).toThrow(
      /recordTrace\(\): an EventLoop was expected/,
    );
    const loop = new EventLoop();
    expect(() => recordTrace(loop, { maxSteps: 0 })).toThrow(
      'recordTrace(): maxSteps must be a number > 0, got 0',
    );
    loop.close();
  });

  it('records on a loop given explicitly, from outside it', async () => {
    const loop = new EventLoop({ clock: new TestClock() });
    const rec = recordTrace(loop);
    const fut = new Future<number>({ loop });
    loop.callLater(5, () => fut.setResult(1));
    await loop.runUntilComplete(
      (function* (): Coro<number> {
        return yield* fut;
      })(),
    );
    loop.close();
    const trace = rec.toChromeTrace();
    expect(checkTrace(trace).problems).toEqual([]);
    expect(arrows(trace)).toEqual([
      expect.stringMatching(/^wake: callback \(<Future finished result=1>\) → Task-\d+ #1 step 2$/),
    ]);
  });

  it('never calls the exception handler (no hook fails)', async () => {
    const handler = vi.fn();
    const loop = new EventLoop({ clock: new TestClock() });
    loop.setExceptionHandler(handler);
    recordTrace(loop);
    await loop.runUntilComplete(
      (function* (): Coro<void> {
        yield* gather(sleep(1), sleep(2));
      })(),
    );
    loop.close();
    expect(handler).not.toHaveBeenCalled();
  });
});
