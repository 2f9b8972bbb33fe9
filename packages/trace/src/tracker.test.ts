import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Coro, createTask, currentTask, EventLoop, run, sleep } from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it } from 'vitest';
import { dumpTasks, formatTasks, futureId, trackTasks } from './index';

describe('trackTasks', () => {
  it('is one per loop: trackTasks(loop) installs it once, and a second tracker does nothing', async () => {
    await run(
      (function* (): Coro<void> {
        const loop = currentTask()?.getLoop() as EventLoop;
        const t = trackTasks();
        expect(trackTasks(loop)).toBe(t);
        expect(loop.removeInstrument(t)).toBe(true); // it was installed on the loop
        loop.addInstrument(t);
        yield* createTask(sleep(1), { name: 'a' });
        const steps = () => dumpTasks().find((r) => r.name === 'b')?.steps;
        const b = createTask(sleep(5), { name: 'b' });
        yield* sleep(1);
        expect(steps()).toBe(1); // counted once, not by two trackers
        yield* b;
      })(),
      { clock: new TestClock(), instruments: [trackTasks(), trackTasks()] },
    );
  });

  it('records the creation site in debug mode, shown in the ps table', async () => {
    let table = '';
    await run(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        const t = createTask(sleep(5), { name: 'made-here' });
        yield* sleep(1);
        table = formatTasks();
        yield* t;
      })(),
      { clock: new TestClock(), instruments: [trackTasks()], debug: true },
    );
    const [header, , , row] = table.split('\n');
    expect(header).toMatch(/ {2}created at$/);
    // The line of the createTask call above.
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
    const line = source.findIndex((l) => l.includes("{ name: 'made-here' }")) + 1;
    expect(row).toMatch(new RegExp(`^2 {3}made-here .*tracker\\.test\\.ts:${line}:\\d+\\)?$`));
  });

  it('rejects a bad loop', () => {
    expect(() => trackTasks({} as EventLoop)).toThrow(/^trackTasks\(\): an EventLoop was expected/);
  });
});

describe('futureId', () => {
  it('numbers tasks per loop from 1, stable, and invisible to JSON and Object.keys', async () => {
    const ids: number[] = [];
    await run(
      (function* (): Coro<void> {
        const t = createTask(sleep(1));
        ids.push(futureId(currentTask() as never), futureId(t), futureId(t));
        expect(Object.keys(t)).not.toContain(expect.stringContaining('trace'));
        expect(JSON.stringify(Object.keys(t))).not.toContain('@aio/trace');
        yield* t;
      })(),
    );
    expect(ids).toEqual([1, 2, 2]);
    const other = new EventLoop();
    expect(futureId(other.createFuture())).toBe(1);
    other.close();
  });

  it('works for a future that cannot take new properties', () => {
    const loop = new EventLoop();
    const fut = loop.createFuture();
    Object.preventExtensions(fut);
    const id = futureId(fut);
    expect(futureId(fut)).toBe(id);
    fut.setResult(1); // core still works on it
    expect(fut.result()).toBe(1);
    loop.close();
  });

  it('rejects what is not a future', () => {
    expect(() => futureId({} as never)).toThrow(
      'futureId(): an aio Future or Task was expected, got an object',
    );
  });
});
