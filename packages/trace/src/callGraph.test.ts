import {
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  Future,
  futureAddToAwaitedBy,
  futureDiscardFromAwaitedBy,
  gather,
  run,
  shield,
  sleep,
  type Task,
  taskGroup,
} from '@aio/core';
import { TestClock } from '@aio/test-utils';
import { describe, expect, it } from 'vitest';
import { captureCallGraph, formatCallGraph, printCallGraph, trackTasks } from './index';

/** Runs `body` as a task named `probe` while `main` (named 'main') waits in `setup`. */
async function probeDuring(
  setup: (probe: (fn: () => void) => Task<void>) => Coro<void>,
  opts?: { debug?: boolean },
): Promise<void> {
  await run(
    (function* (): Coro<void> {
      currentTask()?.setName('main');
      yield* setup((fn) =>
        createTask(
          (function* (): Coro<void> {
            fn();
          })(),
          { name: 'probe' },
        ),
      );
    })(),
    { clock: new TestClock(), instruments: [trackTasks()], debug: opts?.debug ?? false },
  );
}

describe('captureCallGraph / formatCallGraph', () => {
  it('follows a gather up to the task that awaits it, in CPython’s layout', async () => {
    let text = '';
    await probeDuring(function* (probe) {
      const a = createTask(sleep(100), { name: 'a' });
      const b = createTask(sleep(200), { name: 'b' });
      const p = probe(() => {
        text = formatCallGraph(captureCallGraph(a) as never);
      });
      yield* gather(a, b);
      yield* p;
    });
    expect(text).toBe(
      [
        "* Task(name='a', id=2)",
        '  + Waiting on: sleep until 100',
        '  + Awaited by:',
        '    * GatheringFuture(id=5)',
        '      + Awaited by:',
        "        * Task(name='main', id=1)",
        '          + Waiting on: gather of 2 (2 pending)',
      ].join('\n'),
    );
  });

  it('shows the current task as running, awaited by the task that yield*s it', async () => {
    const lines: string[] = [];
    await run(
      (function* (): Coro<void> {
        currentTask()?.setName('main');
        yield* createTask(
          (function* (): Coro<void> {
            yield* sleep(1);
            printCallGraph(undefined, { write: (t) => lines.push(t) });
          })(),
          { name: 'child' },
        );
      })(),
      { clock: new TestClock() },
    );
    expect(lines).toEqual([
      [
        "* Task(name='child', id=2)",
        '  + Waiting on: running',
        '  + Awaited by:',
        "    * Task(name='main', id=1)",
        "      + Waiting on: task 'child'",
      ].join('\n'),
    ]);
  });

  it("puts a task group's tasks under the group's owner, and a shield's inner task under the shield", async () => {
    let group = '';
    let shielded = '';
    await probeDuring(function* (probe) {
      const inner = createTask(sleep(50), { name: 'inner' });
      const guard = createTask(
        (function* (): Coro<void> {
          yield* shield(inner);
        })(),
        { name: 'guard' },
      );
      yield* taskGroup(function* (tg) {
        const child = tg.createTask(sleep(100), { name: 'child' });
        probe(() => {
          group = formatCallGraph(captureCallGraph(child) as never);
          shielded = formatCallGraph(captureCallGraph(inner) as never);
        });
      });
      yield* guard;
    });
    expect(group).toBe(
      [
        "* Task(name='child', id=4)",
        '  + Waiting on: sleep until 100',
        '  + Awaited by:',
        "    * Task(name='main', id=1)",
        '      + Waiting on: task group waiting for 1 task',
      ].join('\n'),
    );
    expect(shielded.split('\n').slice(0, 5)).toEqual([
      "* Task(name='inner', id=2)",
      '  + Waiting on: sleep until 50',
      '  + Awaited by:',
      expect.stringMatching(/^ {4}\* Future\(id=\d+\)$/),
      '      + Awaited by:',
    ]);
    expect(shielded).toContain("* Task(name='guard', id=3)");
  });

  it('marks a future reached twice as shown above, and an await cycle as a cycle', async () => {
    let dag = '';
    let cyc = '';
    await probeDuring(function* (probe) {
      const leaf = createTask(sleep(100), { name: 'leaf' });
      const p = createTask(
        (function* (): Coro<void> {
          yield* leaf;
        })(),
        { name: 'p' },
      );
      const q = createTask(
        (function* (): Coro<void> {
          yield* leaf;
        })(),
        { name: 'q' },
      );
      // A hand-built cycle: x awaits y (explicit edge) while y awaits x.
      const x = createTask(sleep(100), { name: 'x' });
      const y = createTask(
        (function* (): Coro<void> {
          yield* x;
        })(),
        { name: 'y' },
      );
      const pr = probe(() => {
        futureAddToAwaitedBy(y, x);
        dag = formatCallGraph(captureCallGraph(leaf) as never);
        cyc = formatCallGraph(captureCallGraph(x) as never);
        futureDiscardFromAwaitedBy(y, x);
      });
      yield* gather(p, q, y);
      yield* pr;
    });
    expect(dag).toContain("    * Task(name='p', id=3)");
    expect(dag).toContain("    * Task(name='q', id=4)");
    const gatherLines = dag.split('\n').filter((l) => l.includes('GatheringFuture'));
    expect(gatherLines).toHaveLength(2);
    expect(gatherLines[1]).toMatch(/GatheringFuture\(id=\d+\) {2}\(shown above\)$/);
    expect(cyc).toBe(
      [
        "* Task(name='x', id=5)",
        '  + Waiting on: sleep until 100',
        '  + Awaited by:',
        "    * Task(name='y', id=6)",
        "      + Waiting on: task 'x'",
        '      + Awaited by:',
        '        * GatheringFuture(id=8)',
        '          + Awaited by:',
        "            * Task(name='main', id=1)",
        '              + Waiting on: gather of 3 (3 pending)',
        "        * Task(name='x', id=5)  (cycle: it awaits itself through the futures above)",
      ].join('\n'),
    );
  });

  it('stops at the depth limit and says so', async () => {
    let text = '';
    await probeDuring(function* (probe) {
      const a = createTask(sleep(100), { name: 'a' });
      const p = probe(() => {
        const g = captureCallGraph(a, { depth: 1 });
        expect(g?.awaitedBy[0]?.truncated).toBe(true);
        text = formatCallGraph(g as never);
      });
      yield* gather(a);
      yield* p;
    });
    expect(text.split('\n').slice(-2)).toEqual([
      '    * GatheringFuture(id=4)',
      '      + Awaited by: … (depth limit)',
    ]);
  });

  it('shows where each task was created in debug mode', async () => {
    let text = '';
    await probeDuring(
      function* (probe) {
        const a = createTask(sleep(100), { name: 'a' });
        const p = probe(() => {
          text = formatCallGraph(captureCallGraph(a) as never);
        });
        yield* a;
        yield* p;
      },
      { debug: true },
    );
    expect(text).toMatch(/\n {2}\+ Created at: .*callGraph\.test\.ts:\d+:\d+/);
  });

  it('walks a chain of 20 000 awaiting tasks without recursion, indenting at most 64 levels', async () => {
    let text = '';
    await probeDuring(function* (probe) {
      const leaf = createTask(sleep(10), { name: 'leaf' });
      let prev: Task<unknown> = leaf;
      for (let i = 0; i < 20_000; i++) {
        const below = prev;
        prev = createTask(
          (function* (): Coro<unknown> {
            return yield* below;
          })(),
        );
      }
      const p = probe(() => {
        text = formatCallGraph(captureCallGraph(leaf) as never);
      });
      yield* prev;
      yield* p;
    });
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(60_000);
    expect(lines.at(-2)).toMatch(/^ {256}\* Task\(name='main', id=1\) \[level 20001\]$/);
  });

  it('returns undefined outside a task, and throws outside a loop', async () => {
    const loop = new EventLoop();
    const fut = new Future<void>({ loop });
    loop.callSoon(() => {
      expect(captureCallGraph()).toBeUndefined();
      const printed: string[] = [];
      printCallGraph(undefined, { write: (t) => printed.push(t) });
      expect(printed).toEqual([]);
      fut.setResult();
    });
    await loop.runUntilComplete(fut);
    loop.close();
    expect(() => captureCallGraph()).toThrow(
      'captureCallGraph(): no event loop is running: call it from a coroutine or callback, or pass the loop',
    );
  });

  it('rejects bad arguments with errors that say what was wrong', () => {
    expect(() => captureCallGraph({} as never)).toThrow(
      /^captureCallGraph\(\): an aio Future was expected, got/,
    );
    const loop = new EventLoop();
    const fut = new Future({ loop });
    expect(() => captureCallGraph(fut, { depth: -1 })).toThrow(
      'captureCallGraph(): depth must be a number ≥ 0, got -1',
    );
    expect(() => formatCallGraph({} as never)).toThrow(
      /^formatCallGraph\(\): a CallGraph was expected/,
    );
    expect(formatCallGraph(captureCallGraph(fut) as never)).toBe('* Future(id=1)');
    loop.close();
  });
});
