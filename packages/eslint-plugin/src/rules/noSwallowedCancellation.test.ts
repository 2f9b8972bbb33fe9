import { noSwallowedCancellation } from './noSwallowedCancellation';
import { typedRuleTester } from '../ruleTester.testutil';

const AIO =
  "import { CancelledError, type Coro, currentTask, isCancelledError, sleep, TimeoutError } from '@aio/core';";

/** A coroutine whose try block waits, with the given catch clause. */
const coroutine = (catchClause: string) =>
  `${AIO}\ndeclare function log(e: unknown): void;\nfunction* main(): Coro<void> {\n  try {\n    yield* sleep(1);\n  } ${catchClause}\n}`;

typedRuleTester().run('no-swallowed-cancellation', noSwallowedCancellation, {
  valid: [
    {
      name: 'accepts a catch that re-throws cancellations first (isCancelledError)',
      code: coroutine('catch (e) {\n    if (isCancelledError(e)) throw e;\n    log(e);\n  }'),
    },
    {
      name: 'accepts a catch that re-throws cancellations first (instanceof CancelledError)',
      code: coroutine(
        'catch (e) {\n    if (e instanceof CancelledError) throw e;\n    log(e);\n  }',
      ),
    },
    {
      name: 'accepts a catch that re-throws everything but the error it handles',
      code: coroutine(
        'catch (e) {\n    if (!(e instanceof TimeoutError)) throw e;\n    log(e);\n  }',
      ),
    },
    {
      name: 'accepts a catch that handles one error and re-throws the rest unconditionally',
      code: coroutine(
        'catch (e) {\n    if (e instanceof TimeoutError) { log(e); return; }\n    throw e;\n  }',
      ),
    },
    {
      name: 'accepts a catch that wraps every error in another',
      code: coroutine("catch (e) {\n    throw new Error('step failed', { cause: e });\n  }"),
    },
    {
      name: 'accepts a catch that re-throws every Error (CancelledError is one)',
      code: coroutine('catch (e) {\n    if (e instanceof Error) throw e;\n  }'),
    },
    {
      name: 'accepts a catch that calls a function that never returns',
      code: `${AIO}
function fail(e: unknown): never { throw e; }
function* main(): Coro<void> { try { yield* sleep(1); } catch (e) { fail(e); } }`,
    },
    {
      name: 'accepts a catch that calls uncancel() to ignore the cancellation deliberately',
      code: coroutine('catch (e) {\n    if (isCancelledError(e)) currentTask()!.uncancel();\n  }'),
    },
    {
      name: 'accepts a catch that keeps the error for a re-throw after cleaning up',
      code: `${AIO}
function* main(): Coro<void> {
  let failure: unknown;
  let failed = false;
  try {
    yield* sleep(1);
  } catch (e) {
    failed = true;
    failure = e;
  }
  yield* sleep(2);
  if (failed) throw failure;
}`,
    },
    {
      name: 'accepts waiting for a cancelled child that re-throws when this task is cancelled',
      code: `${AIO}
function* main(child: import('@aio/core').Task<void>): Coro<void> {
  child.cancel();
  try {
    yield* child;
  } catch (e) {
    if (!isCancelledError(e) || currentTask()!.cancelling() > 0) throw e;
  }
}`,
    },
    {
      name: 'accepts a catch whose try block does not wait',
      code: `${AIO}\nfunction* main(s: string): Coro<void> { try { JSON.parse(s); } catch {} yield* sleep(1); }`,
    },
    {
      name: 'accepts a wait inside a function nested in the try block (it is not this one)',
      code: `${AIO}\nfunction* main(): Coro<void> { try { const f = function* () { yield* sleep(1); }; void f; } catch {} yield; }`,
    },
    {
      name: 'accepts try/finally without a catch',
      code: `${AIO}\nfunction* main(): Coro<void> { try { yield* sleep(1); } finally { console.log('done'); } }`,
    },
    {
      name: 'accepts catches in plain generators and async functions (no aio cancellation there)',
      code: `function* numbers(): Generator<number> { try { yield 1; } catch {} }
async function main(p: Promise<void>) { try { await p; } catch {} }`,
    },
    {
      name: 'accepts a re-throw guarded by isCancelledError imported under another name',
      code: `import { type Coro, isCancelledError as isCancel, sleep } from '@aio/core';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancel(e)) throw e; }
}`,
    },
    {
      name: 'accepts a re-throw guarded by isCancelledError re-exported from a module of the user',
      code: `import { type Coro, sleep } from '@aio/core';
import { isCancelledError } from './guards';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) throw e; }
}`,
    },
    {
      name: 'accepts a re-throw guarded through a namespace import of @aio/core',
      code: `import * as aio from '@aio/core';
function* main(): aio.Coro<void> {
  try { yield* aio.sleep(1); } catch (e) { if (aio.isCancelledError(e)) throw e; }
}`,
    },
    {
      name: 'accepts uncancel() on a task whose type is an alias of Task',
      code: `import { type Coro, isCancelledError, sleep, type Task } from '@aio/core';
type Job = Task<void>;
function* main(job: Job): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) job.uncancel(); }
}`,
    },
    {
      name: "accepts returning on the user's own isCancelledError (only aio's guard means a cancellation)",
      code: `import { type Coro, sleep } from '@aio/core';
function isCancelledError(e: unknown): boolean { return String(e).includes('cancel'); }
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) return; throw e; }
}`,
    },
    {
      name: 'accepts a re-throw of everything a boolean function of the user does not match',
      code: `import { type Coro, sleep } from '@aio/core';
import { isCancelledErrorLike } from './guards';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (!isCancelledErrorLike(e)) throw e; }
}`,
    },
  ],
  invalid: [
    {
      name: 'reports a catch that logs and carries on, suggesting the re-throw with its import',
      code: `import { type Coro, sleep } from '@aio/core';
declare function log(e: unknown): void;
function* main(): Coro<void> {
  try {
    yield* sleep(1);
  } catch (e) {
    log(e);
  }
}`,
      errors: [
        {
          messageId: 'swallowed',
          line: 6,
          column: 12,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `import { type Coro, sleep, isCancelledError } from '@aio/core';
declare function log(e: unknown): void;
function* main(): Coro<void> {
  try {
    yield* sleep(1);
  } catch (e) {
    if (isCancelledError(e)) throw e;
    log(e);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports an empty catch with a parameter, suggesting the re-throw',
      code: coroutine('catch (err) {}'),
      errors: [
        {
          messageId: 'swallowed',
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'err' },
              output: coroutine('catch (err) { if (isCancelledError(err)) throw err; }'),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a catch without a parameter (no edit offered)',
      code: coroutine('catch {\n    log(1);\n  }'),
      errors: [{ messageId: 'swallowed', line: 6, column: 5, suggestions: [] }],
    },
    {
      name: 'reports a catch that only re-throws one other error class',
      code: coroutine('catch (e) {\n    if (e instanceof TimeoutError) throw e;\n    log(e);\n  }'),
      errors: [
        {
          messageId: 'swallowed',
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: coroutine(
                'catch (e) {\n    if (isCancelledError(e)) throw e;\n    if (e instanceof TimeoutError) throw e;\n    log(e);\n  }',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a catch that keeps only errors other than cancellations',
      code: coroutine('catch (e) {\n    if (e instanceof TimeoutError) saved = e;\n  }').replace(
        'function* main',
        'let saved: unknown;\nfunction* main',
      ),
      errors: [
        {
          messageId: 'swallowed',
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: coroutine(
                'catch (e) {\n    if (isCancelledError(e)) throw e;\n    if (e instanceof TimeoutError) saved = e;\n  }',
              ).replace('function* main', 'let saved: unknown;\nfunction* main'),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a catch that re-throws everything but cancellations',
      code: coroutine('catch (e) {\n    if (!isCancelledError(e)) throw e;\n  }'),
      errors: [
        {
          messageId: 'swallowed',
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: coroutine(
                'catch (e) {\n    if (isCancelledError(e)) throw e;\n    if (!isCancelledError(e)) throw e;\n  }',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'reports a catch that recognises a cancellation and returns',
      code: coroutine('catch (e) {\n    if (isCancelledError(e)) return;\n    throw e;\n  }'),
      errors: [{ messageId: 'returnsOnCancel', line: 7, column: 30 }],
    },
    {
      name: 'reports a catch that recognises a cancellation in a condition and returns',
      code: coroutine(
        'catch (e) {\n    if (e instanceof CancelledError && Math.random() > 0.5) {\n      return;\n    }\n    throw e;\n  }',
      ),
      errors: [{ messageId: 'returnsOnCancel', line: 8 }],
    },
    {
      name: 'reports a catch that breaks out of the loop on cancellation',
      code: `${AIO}
function* worker(): Coro<void> {
  for (;;) {
    try {
      yield* sleep(1);
    } catch (e) {
      if (isCancelledError(e)) break;
      throw e;
    }
  }
}`,
      errors: [{ messageId: 'returnsOnCancel', line: 7 }],
    },
    {
      name: "reports a re-throw guarded by another library's CancelledError",
      code: `import { type Coro, sleep } from '@aio/core';
import { CancelledError } from 'lookalike';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (e instanceof CancelledError) throw e; }
}`,
      errors: [
        {
          messageId: 'swallowed',
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `import { type Coro, sleep, isCancelledError } from '@aio/core';
import { CancelledError } from 'lookalike';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) throw e; if (e instanceof CancelledError) throw e; }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports catches in unannotated coroutines and in the Suspension form',
      code: `import { sleep } from 'aio-next';
import { nap } from './helpers';
function* a() { try { yield* nap(1); } catch {} }
function* b() { try { yield* sleep(1); } catch {} }`,
      errors: [
        { messageId: 'swallowed', line: 3, suggestions: [] },
        { messageId: 'swallowed', line: 4, suggestions: [] },
      ],
    },
    {
      name: 'reports a catch in a generic coroutine behind a type alias',
      code: `import type { MyCoro } from './helpers';
function* attempt<T>(body: () => MyCoro<T>, fallback: T): MyCoro<T> {
  try { return yield* body(); } catch { return fallback; }
}`,
      errors: [{ messageId: 'swallowed', line: 3, suggestions: [] }],
    },
    {
      name: 'reports a catch whose try block waits with a bare yield',
      code: `${AIO}\nfunction* main(): Coro<void> { try { yield; } catch {} yield* sleep(1); }`,
      errors: [{ messageId: 'swallowed' }],
    },
    {
      name: 'reports a catch that returns on a cancellation recognised by an aliased guard',
      code: `import { type Coro, isCancelledError as isCancel, sleep } from '@aio/core';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancel(e)) return; throw e; }
}`,
      errors: [{ messageId: 'returnsOnCancel', line: 3, column: 57 }],
    },
    {
      name: 'reports a catch that re-throws everything but cancellations recognised by a re-exported guard',
      code: `import { type Coro, sleep } from '@aio/core';
import { isCancelledError as isCancel } from './guards';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (!isCancel(e)) throw e; }
}`,
      errors: [
        {
          messageId: 'swallowed',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `import { type Coro, sleep, isCancelledError } from '@aio/core';
import { isCancelledError as isCancel } from './guards';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) throw e; if (!isCancel(e)) throw e; }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports a catch whose uncancel() belongs to something other than an aio task',
      code: `import { type Coro, isCancelledError, sleep } from '@aio/core';
declare const job: { uncancel(): number };
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) job.uncancel(); }
}`,
      errors: [
        {
          messageId: 'swallowed',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestRethrow',
              data: { name: 'e' },
              output: `import { type Coro, isCancelledError, sleep } from '@aio/core';
declare const job: { uncancel(): number };
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancelledError(e)) throw e; if (isCancelledError(e)) job.uncancel(); }
}`,
            },
          ],
        },
      ],
    },
    {
      name: "reports a catch that returns on a cancellation recognised by the user's own type guard",
      code: `import { type Coro, sleep } from '@aio/core';
import { isCancellation } from './guards';
function* main(): Coro<void> {
  try { yield* sleep(1); } catch (e) { if (isCancellation(e)) return; throw e; }
}`,
      errors: [{ messageId: 'returnsOnCancel', line: 4 }],
    },
  ],
});
