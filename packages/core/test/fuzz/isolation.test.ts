/**
 * The oracle runs every program of a campaign in one Python process: nothing of
 * one program may reach into the next. A program whose shutdown deadlocks leaves
 * tasks suspended; their coroutines used to be finalised by the garbage collector
 * whenever it ran, inside a later program, where their clean-up code
 * (`current_task().uncancel()`) acted on that program's task (seed 535485859,
 * program 16801, only after the 16 801 programs before it). `isolation.py` makes
 * that collection happen at the vulnerable moment instead of by chance.
 */

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPython } from '@aio/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { findOracle } from './oracle';
import type { Program } from './program';

const HERE = dirname(fileURLToPath(import.meta.url));
const ISOLATION_PY = join(HERE, 'isolation.py');

/**
 * Deadlocks, and its shutdown deadlocks too: `run()` cancels t1, t1 catches the
 * cancellation and waits on `e1` again, so t1 stays suspended in a `try` whose
 * handler calls `current_task().uncancel()` when anything (GeneratorExit too)
 * gets out of the inner `try`.
 */
const POISON: Program = {
  objects: [{ kind: 'event', name: 'e1' }],
  main: [
    {
      op: 'spawn',
      task: 't1',
      body: [
        {
          op: 'try',
          body: [
            {
              op: 'try',
              body: [{ op: 'eventWait', target: 'e1' }],
              catch: 'any',
              uncancel: false,
              handler: [{ op: 'eventWait', target: 'e1' }],
              reraise: false,
              finally: null,
            },
          ],
          catch: 'any',
          uncancel: true,
          handler: [],
          reraise: false,
          finally: null,
        },
      ],
    },
    { op: 'sleep', ms: 0 },
    { op: 'eventWait', target: 'e1' },
  ],
};

/** t3 cancels itself, so its sleep is cancelled at once (the task's pending cancellation). */
const TARGET: Program = {
  objects: [],
  main: [
    {
      op: 'spawn',
      task: 't3',
      body: [
        { op: 'cancel', target: 'self' },
        { op: 'sleep', ms: 5 },
      ],
    },
    { op: 'sleep', ms: 10 },
  ],
};

const TARGET_ALONE = [
  '0 main start',
  '0 main spawn t3 -> ok',
  '0 t3 start',
  '0 t3 cancel self -> ok True',
  '0 t3 sleep 5 -> CancelledError()',
  '0 t3 exit CancelledError()',
  '10 main sleep 10 -> ok',
  '10 main end',
  "result 'main'",
];

interface IsolationRun {
  readonly fresh: string[];
  readonly suspended: string[];
  readonly collected: boolean;
  readonly trace: string[] | null;
  readonly error: string | null;
}

type Protection = 'full' | 'guard-only' | 'none';

describe('one oracle process running program after program', () => {
  let run: ((protection: Protection) => IsolationRun) | undefined;
  let setupError: Error | undefined;

  beforeAll(() => {
    const found = findOracle();
    if ('missing' in found) {
      // Like the rest of the fuzzer's tests: without the reference CPython they fail.
      setupError = new Error(`the fuzzer's oracle needs CPython 3.13: ${found.missing}`);
      return;
    }
    run = (protection) => {
      const request = {
        before: [POISON],
        target: TARGET,
        collectAfter: ['t3', 'cancel self'],
        protection,
      };
      const out = runPython(found.python, ISOLATION_PY, [], { input: JSON.stringify(request) });
      return JSON.parse(out) as IsolationRun;
    };
  });

  const isolation = (protection: Protection): IsolationRun => {
    if (setupError !== undefined) throw setupError;
    const result = run!(protection);
    expect(result.fresh).toEqual(TARGET_ALONE);
    expect(result.collected).toBe(true);
    return result;
  };

  it('closes the tasks a program leaves suspended as soon as the program is over', () => {
    expect(isolation('full').suspended).toEqual([]);
  });

  it("gives a program its own trace although an earlier program's leftover task is collected during it", () => {
    const { trace, error } = isolation('full');
    expect(error).toBeNull();
    expect(trace).toEqual(TARGET_ALONE);
  });

  it("fails a program loudly, never with a wrong trace, when an earlier program's code runs during it", () => {
    // Leftover tasks not closed: the guard before every op still stops t1's clean-up.
    const { trace, error, suspended } = isolation('guard-only');
    expect(suspended.length).toBeGreaterThan(0);
    expect(trace).toBeNull();
    expect(error).toBe(
      'RuntimeError: interpret.py: code of an earlier program ran during this one, so its ' +
        'trace cannot be trusted (state leaked from one program to the next): t1 of an ' +
        'earlier program ran inside t3 at 0 ms',
    );
  });

  it("lets the leftover's clean-up wipe t3's pending cancellation when both protections are off", () => {
    // The oracle as it was: this is the divergence the protections prevent, so the
    // tests above do exercise it.
    const { trace, error } = isolation('none');
    expect(error).toBeNull();
    expect(trace).toEqual([
      '0 main start',
      '0 main spawn t3 -> ok',
      '0 t3 start',
      '0 t3 cancel self -> ok True',
      '5 t3 sleep 5 -> ok',
      '5 t3 end',
      '10 main sleep 10 -> ok',
      '10 main end',
      "result 'main'",
    ]);
  });
});
