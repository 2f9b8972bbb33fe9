import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { type Coro, createTask, currentTask, EventLoop, run, sleep, type Task } from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it } from 'vitest';
import { diagnosticsChannels, publishDiagnostics } from './index';

type Msg = {
  task?: Task<unknown>;
  parent?: Task<unknown>;
  by?: Task<unknown>;
  message?: string;
  loop?: EventLoop;
};

/** Subscribes to every channel while `fn` runs; returns `channel: task name` lines. */
async function observe(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const subs = Object.values(diagnosticsChannels).map((name) => {
    const sub = (m: unknown): void => {
      const msg = m as Msg;
      const who = msg.task?.getName() ?? (msg.loop === undefined ? '?' : 'loop');
      const extra =
        msg.parent !== undefined
          ? ` parent=${msg.parent.getName()}`
          : msg.by !== undefined
            ? ` by=${msg.by.getName()} message=${msg.message}`
            : '';
      seen.push(`${name} ${who}${extra}`);
    };
    subscribe(name, sub);
    return [name, sub] as const;
  });
  try {
    await fn();
  } finally {
    for (const [name, sub] of subs) unsubscribe(name, sub);
  }
  return seen;
}

describe('publishDiagnostics', () => {
  it('publishes each task event on its channel', async () => {
    const seen = await observe(async () => {
      const loop = new EventLoop({ clock: new TestClock() });
      publishDiagnostics(loop);
      await loop.runUntilComplete(
        (function* (): Coro<void> {
          currentTask()?.setName('main');
          const t = createTask(sleep(10), { name: 'job' });
          yield;
          t.cancel('stop');
          yield* sleep(1);
        })(),
      );
      loop.close();
    });
    const main = /^aio:task:[a-z:-]+ (main|Task-\d+)$/; // main's own events
    expect(seen.filter((l) => !main.test(l))).toEqual([
      'aio:loop:run:start loop',
      'aio:task:created job parent=main',
      'aio:task:scheduled job',
      'aio:task:step:start job',
      'aio:task:step:end job',
      'aio:task:cancel-requested job by=main message=stop',
      'aio:task:scheduled job',
      'aio:task:step:start job',
      'aio:task:done job',
      'aio:task:step:end job',
      'aio:loop:run:end loop',
    ]);
    expect(seen.filter((l) => main.test(l)).map((l) => l.replace(/ .*/, ''))).toEqual([
      'aio:task:created',
      'aio:task:scheduled',
      'aio:task:step:start',
      'aio:task:scheduled', // its bare yield, inside the step
      'aio:task:step:end',
      'aio:task:step:start',
      'aio:task:step:end',
      'aio:task:scheduled',
      'aio:task:step:start',
      'aio:task:done',
      'aio:task:step:end',
    ]);
  });

  it('joins every running loop when called without one, and publishes nothing unsubscribed', async () => {
    const seen = await observe(async () => {
      await run(
        (function* (): Coro<void> {
          publishDiagnostics();
          yield* createTask(sleep(1), { name: 'late' });
        })(),
        { clock: new TestClock() },
      );
    });
    expect(seen).toContain(
      'aio:task:created late parent=Task-' +
        seen.find((l) => l.includes('created late'))?.split('parent=Task-')[1],
    );
    expect(seen).toContain('aio:task:done late');
    // The same publisher every time.
    expect(publishDiagnostics(new EventLoop())).toBe(publishDiagnostics(new EventLoop()));
  });

  it('rejects a bad loop', () => {
    expect(() => publishDiagnostics({} as never)).toThrow(
      /^publishDiagnostics\(\): an EventLoop was expected/,
    );
  });
});
