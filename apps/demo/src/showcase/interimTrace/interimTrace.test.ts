import {
  type Coro,
  createTask,
  currentTask,
  getRunningLoop,
  Lock,
  run,
  sleep,
  taskGroup,
} from '@aio/core';
import { VirtualClock } from '@aio/timers';
import { describe, expect, it } from 'vitest';
import { type ChromeTrace, interimRecordTrace, type TraceEvent } from './recorder';
import { interimTaskTree } from './taskTree';
import { interimTimelineHtml } from './timelineHtml';
import { type BlockedReport, interimWatchTasks } from './watchdog';

const virtual = { clock: new VirtualClock() };

describe('interimTaskTree', () => {
  it('draws the pending tasks from the roots down, with what each waits on', async () => {
    function* leaf(ms: number): Coro<void> {
      yield* sleep(ms);
    }
    function* main(): Coro<string> {
      currentTask()!.setName('main');
      let tree = '';
      yield* taskGroup(function* (tg) {
        tg.createTask(leaf(100), { name: 'a' });
        const b = tg.createTask(
          (function* () {
            yield* createTask(leaf(200), { name: 'b-child' });
          })(),
          { name: 'b' },
        );
        // Drawn from a loop callback, while every task waits.
        getRunningLoop().callLater(10, () => {
          tree = interimTaskTree();
        });
        yield* b;
      });
      return tree;
    }
    expect((await run(main(), { clock: new VirtualClock() })).split('\n')).toEqual([
      "└── main — task 'b'",
      '    ├── a — sleep until 100',
      "    └── b — task 'b-child'",
      '        └── b-child — sleep until 200',
    ]);
  });

  it('lists a wait cycle, and still shows the tasks in it', async () => {
    function* main(): Coro<string> {
      const l1 = new Lock();
      const l2 = new Lock();
      function* take(first: Lock, second: Lock): Coro<void> {
        yield* first.acquire();
        yield* sleep(1);
        yield* second.acquire();
      }
      createTask(take(l1, l2), { name: 'x' });
      createTask(take(l2, l1), { name: 'y' });
      yield* sleep(10);
      return interimTaskTree();
    }
    const tree = await run(main(), { clock: new VirtualClock() });
    expect(tree).toContain("x — Lock held by 'y'");
    expect(tree).toContain("y — Lock held by 'x'");
    expect(tree).toMatch(/cycle: (x → y → x|y → x → y)/);
  });
});

describe('interimWatchTasks', () => {
  it('reports a task blocked longer than blockedMs, once, at that loop time, with its chain', async () => {
    const reports: Array<BlockedReport & { at: number }> = [];
    function* main(): Coro<void> {
      currentTask()!.setName('main');
      const loop = getRunningLoop();
      const stop = interimWatchTasks({
        blockedMs: 500,
        onReport: (r) => reports.push({ ...r, at: loop.time() }),
      });
      const slow = createTask(sleep(2000), { name: 'slow' });
      const quick = createTask(sleep(100), { name: 'quick' });
      yield* quick;
      yield* slow;
      stop();
    }
    await run(main(), virtual);
    expect(reports.map((r) => [r.at, r.task.getName(), r.waitingOn, r.chain.join(' → ')])).toEqual([
      [500, 'slow', 'sleep until 2000', 'main → slow'],
      // main waited on quick until 100, then on slow: blocked since 100.
      [600, 'main', "task 'slow'", 'main'],
    ]);
  });

  it('rejects a blockedMs that is not positive', async () => {
    function* main(): Coro<void> {
      interimWatchTasks({ blockedMs: 0, onReport: () => {} });
    }
    await expect(run(main())).rejects.toThrow(
      new RangeError('interimWatchTasks(): blockedMs must be a positive number, got 0'),
    );
  });
});

describe('interimRecordTrace', () => {
  async function record(): Promise<ChromeTrace> {
    function* child(): Coro<void> {
      yield* sleep(100);
    }
    function* main(): Coro<ChromeTrace> {
      currentTask()!.setName('main');
      const rec = interimRecordTrace();
      const a = createTask(child(), { name: 'a' });
      const b = createTask(sleep(1000), { name: 'b' });
      yield* a;
      b.cancel('enough');
      yield* sleep(0);
      rec.stop();
      return rec.toChromeTrace();
    }
    return run(main(), { clock: new VirtualClock() });
  }

  it('names a track per task and draws steps and waits that never overlap on a track', async () => {
    const trace = await record();
    const names = trace.traceEvents
      .filter((e) => e.name === 'thread_name')
      .map((e) => e.args!.name);
    expect(names).toEqual(['main', 'a', 'b']);
    const byTrack = new Map<number, TraceEvent[]>();
    for (const e of trace.traceEvents) {
      if (e.ph !== 'X') continue;
      byTrack.set(e.tid, [...(byTrack.get(e.tid) ?? []), e]);
    }
    for (const slices of byTrack.values()) {
      for (let i = 1; i < slices.length; i++) {
        expect(slices[i]!.ts!).toBeGreaterThanOrEqual(slices[i - 1]!.ts! + slices[i - 1]!.dur!);
      }
    }
    const waits = trace.traceEvents
      .filter((e) => e.cat === 'wait')
      .map((e) => `${e.tid} ${e.name} ${e.ts}+${e.dur}`);
    expect(waits).toContain('2 sleep until 100 0+100000'); // a's sleep: 100 ms, in µs
    expect(waits).toContain("1 task 'a' 0+100000");
  });

  it('draws flow arrows from the step that started or woke a task, each id once', async () => {
    const trace = await record();
    const starts = trace.traceEvents.filter((e) => e.ph === 's');
    const ends = trace.traceEvents.filter((e) => e.ph === 'f');
    expect(starts.map((e) => e.id)).toEqual(ends.map((e) => e.id));
    expect(new Set(starts.map((e) => e.id)).size).toBe(starts.length);
    const arrows = starts.map((s, i) => `${s.name} ${s.tid}→${ends[i]!.tid}`);
    expect(arrows).toEqual(['starts 1→2', 'starts 1→3', 'wakes 2→1', 'wakes 1→3']);
  });

  it('marks a cancel request with who asked and the message', async () => {
    const trace = await record();
    const cancels = trace.traceEvents.filter((e) => e.ph === 'i');
    expect(cancels).toEqual([
      expect.objectContaining({
        name: 'cancel',
        tid: 3,
        ts: 100000,
        args: { by: 'main', message: 'enough' },
      }),
    ]);
  });

  it('renders as a self-contained page that embeds the trace safely', async () => {
    const trace = await record();
    const html = interimTimelineHtml(trace, 'a <test>');
    expect(html).toContain('<title>a &#60;test&#62;</title>');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/);
    const json = /<script type="application\/json" id="trace">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(trace);
  });
});
