import { noFloatingCoroutine } from './noFloatingCoroutine';
import { typedRuleTester } from '../ruleTester.testutil';

const AIO =
  "import { type Coro, createTask, gather, Queue, run, sleep, taskGroup } from '@aio/core';";

typedRuleTester().run('no-floating-coroutine', noFloatingCoroutine, {
  valid: [
    {
      name: 'accepts a coroutine run with yield*',
      code: `${AIO}\nfunction* main(): Coro<void> { yield* sleep(1); }`,
    },
    {
      name: 'accepts a coroutine that is returned',
      code: `${AIO}\nfunction later(): Coro<void> { return sleep(1); }`,
    },
    {
      name: 'accepts a coroutine kept in a variable or assigned',
      code: `${AIO}\nlet c: Coro<void>;\nconst d = sleep(1);\nc = sleep(2);\nexport { c, d };`,
    },
    {
      name: 'accepts coroutines passed as arguments (createTask, gather, run, an array argument)',
      code: `${AIO}
function* main(): Coro<void> {
  const t = createTask(sleep(1));
  yield* gather(sleep(1), t);
  yield* gather([sleep(1), sleep(2)]);
}
await run(main());`,
    },
    {
      name: 'accepts an arrow function whose body returns a coroutine where a coroutine is expected',
      code: `${AIO}\nfunction* main(): Coro<void> { yield* taskGroup((tg) => sleep(1)); }`,
    },
    {
      name: 'accepts `void coro()` as a deliberate drop by default (ignoreVoid)',
      code: `${AIO}\nvoid sleep(1);`,
    },
    {
      name: 'accepts the bare yield that gives up control for one iteration',
      code: `${AIO}\nfunction* main(): Coro<void> { yield; }`,
    },
    {
      name: 'accepts dropped futures and tasks (only coroutines do nothing until run)',
      code: `${AIO}\nfunction* main(): Coro<void> { createTask(sleep(1)); gather(sleep(1)); }`,
    },
    {
      name: 'accepts plain generators, which are not aio coroutines',
      code: `import { numbers } from './helpers';\nnumbers();\nfunction* gen() { yield 1; }\ngen();`,
    },
    {
      name: "accepts another library's Coro type with aio's names",
      code: `import { sleep } from 'lookalike';\nfunction* main() { sleep(1); }`,
    },
    {
      name: 'accepts a callback starting a task where a void callback is expected',
      code: `${AIO}
function* handle(n: number): Coro<void> { yield* sleep(n); }
function* main(): Coro<void> { [1, 2].forEach((n) => { createTask(handle(n)); }); }`,
    },
    {
      name: 'accepts a coroutine-returning callback where the parameter returns unknown (callSoon)',
      code: `import { EventLoop } from '@aio/core';\nimport { fetchUser } from './helpers';\nnew EventLoop().callSoon(() => fetchUser(1));`,
    },
    {
      name: 'accepts coroutines mapped into an array that is kept and gathered',
      code: `${AIO}
import { fetchUser } from './helpers';
function* main(): Coro<string[]> { const all = [1, 2].map((i) => fetchUser(i)); return yield* gather(all); }`,
    },
    {
      name: 'accepts an expression statement whose result is not a coroutine',
      code: `${AIO}\nfunction* main(): Coro<number> { const q = new Queue<number>(); q.qsize(); yield* q.put(1); return q.getNowait(); }`,
    },
    {
      name: 'leaves awaited Promise.all of coroutines to no-await-coroutine',
      code: `${AIO}\nasync function main() { await Promise.all([sleep(1), sleep(2)]); }`,
    },
    {
      name: 'does not report callbacks when checkVoidCallbacks is off',
      code: `import { fetchUser } from './helpers';\n[1, 2].forEach((i) => fetchUser(i));`,
      options: [{ checkVoidCallbacks: false }],
    },
  ],
  invalid: [
    {
      name: 'reports sleep() without yield* inside a coroutine, suggesting yield*',
      code: `${AIO}\nfunction* main(): Coro<void> {\n  sleep(1000);\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}\nfunction* main(): Coro<void> {\n  yield* sleep(1000);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports a queue method call without yield*',
      code: `${AIO}\nfunction* main(q: Queue<number>): Coro<void> { q.put(1); }`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}\nfunction* main(q: Queue<number>): Coro<void> { yield* q.put(1); }`,
            },
          ],
        },
      ],
    },
    {
      name: "reports a call of the user's own coroutine function",
      code: `${AIO}\nfunction* helper(): Coro<number> { yield* sleep(1); return 1; }\nfunction* main(): Coro<void> { helper(); }`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}\nfunction* helper(): Coro<number> { yield* sleep(1); return 1; }\nfunction* main(): Coro<void> { yield* helper(); }`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports coroutines behind renamed re-exports, type aliases and namespaces',
      code: `import { aio, fetchUser, nap } from './helpers';
function* main() {
  nap(5);
  fetchUser(1);
  aio.sleep(1);
  yield;
}`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { aio, fetchUser, nap } from './helpers';\nfunction* main() {\n  yield* nap(5);\n  fetchUser(1);\n  aio.sleep(1);\n  yield;\n}`,
            },
          ],
        },
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { aio, fetchUser, nap } from './helpers';\nfunction* main() {\n  nap(5);\n  yield* fetchUser(1);\n  aio.sleep(1);\n  yield;\n}`,
            },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { aio, fetchUser, nap } from './helpers';\nfunction* main() {\n  nap(5);\n  fetchUser(1);\n  yield* aio.sleep(1);\n  yield;\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports generic coroutines: a generic function, an identity, a type parameter',
      code: `import type { Coro } from '@aio/core';
import { fetchUser, retry, same } from './helpers';
function* main<C extends Coro<number>>(make: () => C): Coro<void> {
  retry(3, () => fetchUser(1));
  same(fetchUser(2));
  make();
}`,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import type { Coro } from '@aio/core';\nimport { fetchUser, retry, same } from './helpers';\nfunction* main<C extends Coro<number>>(make: () => C): Coro<void> {\n  yield* retry(3, () => fetchUser(1));\n  same(fetchUser(2));\n  make();\n}`,
            },
          ],
        },
        {
          messageId: 'floating',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import type { Coro } from '@aio/core';\nimport { fetchUser, retry, same } from './helpers';\nfunction* main<C extends Coro<number>>(make: () => C): Coro<void> {\n  retry(3, () => fetchUser(1));\n  yield* same(fetchUser(2));\n  make();\n}`,
            },
          ],
        },
        {
          messageId: 'floating',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import type { Coro } from '@aio/core';\nimport { fetchUser, retry, same } from './helpers';\nfunction* main<C extends Coro<number>>(make: () => C): Coro<void> {\n  retry(3, () => fetchUser(1));\n  same(fetchUser(2));\n  yield* make();\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports an unannotated generator function whose inferred type yields aio futures',
      code: `import { inferred } from './helpers';\nfunction* main() { inferred(); yield; }`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { inferred } from './helpers';\nfunction* main() { yield* inferred(); yield; }`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports coroutines of the Suspension form (Coro yields an opaque Suspension)',
      code: `import { type Coro, sleep, taskGroup } from 'aio-next';
function* main(): Coro<void> {
  sleep(1);
  taskGroup(function* (tg) { yield* sleep(1); });
}`,
      errors: [
        {
          messageId: 'floating',
          line: 3,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { type Coro, sleep, taskGroup } from 'aio-next';\nfunction* main(): Coro<void> {\n  yield* sleep(1);\n  taskGroup(function* (tg) { yield* sleep(1); });\n}`,
            },
          ],
        },
        {
          messageId: 'floating',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { type Coro, sleep, taskGroup } from 'aio-next';\nfunction* main(): Coro<void> {\n  sleep(1);\n  yield* taskGroup(function* (tg) { yield* sleep(1); });\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports coroutines whose Suspension is a branded type alias',
      code: `import { sleep } from 'aio-branded';\nfunction* main() {\n  sleep(1);\n  yield;\n}`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { sleep } from 'aio-branded';\nfunction* main() {\n  yield* sleep(1);\n  yield;\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports a coroutine dropped at module level, suggesting createTask (already imported)',
      code: `${AIO}\nsleep(1);`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'suggestCreateTask', output: `${AIO}\ncreateTask(sleep(1));` },
          ],
        },
      ],
    },
    {
      name: 'reports a coroutine dropped in an async function, suggesting createTask with its import',
      code: `import { sleep } from '@aio/core';\nasync function main() {\n  sleep(1);\n}`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestCreateTask',
              output: `import { sleep, createTask } from '@aio/core';\nasync function main() {\n  createTask(sleep(1));\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'suggests createTask under its local alias, or adds an import line when there is none',
      code: `import { spawn, nap } from './helpers';\nimport { createTask as start } from '@aio/core';\nnap(1);`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestCreateTask',
              output: `import { spawn, nap } from './helpers';\nimport { createTask as start } from '@aio/core';\nstart(nap(1));`,
            },
          ],
        },
      ],
    },
    {
      name: 'adds the createTask import after the last import when @aio/core is not imported',
      code: `import { nap } from './helpers';\nfunction later() {\n  nap(1);\n}`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestCreateTask',
              output: `import { nap } from './helpers';\nimport { createTask } from '@aio/core';\nfunction later() {\n  createTask(nap(1));\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'offers no createTask suggestion when the name is taken by something else',
      code: `import { nap } from './helpers';\nfunction later(createTask: unknown) {\n  nap(1);\n}`,
      errors: [{ messageId: 'floating', suggestions: [] }],
    },
    {
      name: 'reports each dropped branch of a conditional and each part of a sequence, without edits',
      code: `${AIO}\nfunction* main(ok: boolean): Coro<void> {\n  ok ? sleep(1) : undefined;\n  sleep(2), sleep(3);\n  ok && sleep(4);\n}`,
      errors: [
        { messageId: 'floating', line: 3, column: 8, suggestions: [] },
        { messageId: 'floating', line: 4, column: 3, suggestions: [] },
        { messageId: 'floating', line: 4, column: 13, suggestions: [] },
        { messageId: 'floating', line: 5, column: 9, suggestions: [] },
      ],
    },
    {
      name: 'reports void coro() when ignoreVoid is false',
      code: `${AIO}\nfunction* main(): Coro<void> { void sleep(1); }`,
      options: [{ ignoreVoid: false }],
      errors: [{ messageId: 'floating', suggestions: [] }],
    },
    {
      name: 'reports an optional call that may produce a coroutine, without an edit',
      code: `${AIO}\nfunction* main(make?: () => Coro<void>): Coro<void> { make?.(); }`,
      errors: [{ messageId: 'floating', suggestions: [] }],
    },
    {
      name: 'reports a coroutine that comes out of an awaited promise',
      code: `${AIO}\nasync function main(p: Promise<Coro<void>>) { await p; }`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            {
              messageId: 'suggestCreateTask',
              output: `${AIO}\nasync function main(p: Promise<Coro<void>>) { createTask(await p); }`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports arrays of coroutines that are dropped',
      code: `${AIO}
import { fetchUser } from './helpers';
function* main(): Coro<void> {
  [sleep(1), sleep(2)];
  [1, 2].map((i) => fetchUser(i));
}`,
      errors: [
        { messageId: 'floatingArray', line: 4 },
        { messageId: 'floatingArray', line: 5 },
      ],
    },
    {
      name: 'reports functions returning coroutines passed or assigned where a void callback is expected',
      code: `import { fetchUser } from './helpers';
[1, 2].forEach((i) => fetchUser(i));
[1, 2].forEach(fetchUser);
[1, 2].forEach(function* (i) { yield* fetchUser(i); });
const onDone: () => void = () => fetchUser(3);
const handlers: { onDone: () => void } = { onDone: () => fetchUser(4) };
export { onDone, handlers };`,
      errors: [
        { messageId: 'voidCallback', line: 2, column: 16 },
        { messageId: 'voidCallback', line: 3, column: 16 },
        { messageId: 'voidCallback', line: 4, column: 16 },
        { messageId: 'voidCallback', line: 5, column: 28 },
        { messageId: 'voidCallback', line: 6, column: 52 },
      ],
    },
  ],
});
