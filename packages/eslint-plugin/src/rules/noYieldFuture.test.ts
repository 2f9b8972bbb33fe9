import { noYieldFuture } from './noYieldFuture';
import { typedRuleTester } from '../ruleTester.testutil';

const AIO = "import { type Coro, createTask, Future, gather, sleep, type Task } from '@aio/core';";

typedRuleTester().run('no-yield-future', noYieldFuture, {
  valid: [
    {
      name: 'accepts yield* on futures, tasks and coroutines',
      code: `${AIO}
function* main(f: Future<number>, t: Task<void>): Coro<void> {
  yield* f;
  yield* t;
  yield* sleep(1);
  yield* gather(sleep(1));
}`,
    },
    {
      name: 'accepts the bare yield that gives up control for one iteration',
      code: `${AIO}\nfunction* main(): Coro<void> { yield; yield undefined; }`,
    },
    {
      name: 'accepts yielding plain values from a plain generator',
      code: `function* numbers(): Generator<number> { yield 1; yield 2; }`,
    },
    {
      name: 'accepts yield of a future in an async generator, where yield awaits it',
      code: `${AIO}\nasync function* values(t: Task<number>) { yield t; }`,
    },
    {
      name: "accepts yielding another library's Future",
      code: `import { Future } from 'lookalike';\nfunction* values(f: Future<number>) { yield f; }`,
    },
  ],
  invalid: [
    {
      name: 'reports yield of a future, suggesting yield*',
      code: `${AIO}\nfunction* main(f: Future<number>): Coro<void> {\n  yield f;\n}`,
      errors: [
        {
          messageId: 'yieldFuture',
          line: 3,
          column: 3,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}\nfunction* main(f: Future<number>): Coro<void> {\n  yield* f;\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports yield of a task, a gathering future and a subclass of Future',
      code: `${AIO}
class Deferred<T> extends Future<T> {}
function* main(d: Deferred<number>): Coro<void> {
  yield createTask(sleep(1));
  yield gather(sleep(1));
  yield d;
}`,
      errors: [
        {
          messageId: 'yieldFuture',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}
class Deferred<T> extends Future<T> {}
function* main(d: Deferred<number>): Coro<void> {
  yield* createTask(sleep(1));
  yield gather(sleep(1));
  yield d;
}`,
            },
          ],
        },
        {
          messageId: 'yieldFuture',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}
class Deferred<T> extends Future<T> {}
function* main(d: Deferred<number>): Coro<void> {
  yield createTask(sleep(1));
  yield* gather(sleep(1));
  yield d;
}`,
            },
          ],
        },
        {
          messageId: 'yieldFuture',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `${AIO}
class Deferred<T> extends Future<T> {}
function* main(d: Deferred<number>): Coro<void> {
  yield createTask(sleep(1));
  yield gather(sleep(1));
  yield* d;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports yield of a coroutine, including aliases and the Suspension form',
      code: `import { createTask, sleep } from 'aio-next';
import { fetchUser, nap } from './helpers';
function* main() {
  yield sleep(1);
  yield createTask(sleep(1));
  yield nap(1);
  yield fetchUser(1);
}`,
      errors: [
        {
          messageId: 'yieldCoroutine',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { createTask, sleep } from 'aio-next';\nimport { fetchUser, nap } from './helpers';\nfunction* main() {\n  yield* sleep(1);\n  yield createTask(sleep(1));\n  yield nap(1);\n  yield fetchUser(1);\n}`,
            },
          ],
        },
        {
          messageId: 'yieldFuture',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { createTask, sleep } from 'aio-next';\nimport { fetchUser, nap } from './helpers';\nfunction* main() {\n  yield sleep(1);\n  yield* createTask(sleep(1));\n  yield nap(1);\n  yield fetchUser(1);\n}`,
            },
          ],
        },
        {
          messageId: 'yieldCoroutine',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { createTask, sleep } from 'aio-next';\nimport { fetchUser, nap } from './helpers';\nfunction* main() {\n  yield sleep(1);\n  yield createTask(sleep(1));\n  yield* nap(1);\n  yield fetchUser(1);\n}`,
            },
          ],
        },
        {
          messageId: 'yieldCoroutine',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { createTask, sleep } from 'aio-next';\nimport { fetchUser, nap } from './helpers';\nfunction* main() {\n  yield sleep(1);\n  yield createTask(sleep(1));\n  yield nap(1);\n  yield* fetchUser(1);\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports yield of a coroutine that a generic function passes through',
      code: `import { sleep } from '@aio/core';\nimport { same } from './helpers';\nfunction* main() { yield same(sleep(1)); }`,
      errors: [
        {
          messageId: 'yieldCoroutine',
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { sleep } from '@aio/core';\nimport { same } from './helpers';\nfunction* main() { yield* same(sleep(1)); }`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports yield of a future in JavaScript, typed from the declarations of @aio/core',
      filename: 'script.js',
      code: `import { sleep } from '@aio/core';\nexport function* main() {\n  yield sleep(1);\n}`,
      errors: [
        {
          messageId: 'yieldCoroutine',
          suggestions: [
            {
              messageId: 'suggestYieldStar',
              output: `import { sleep } from '@aio/core';\nexport function* main() {\n  yield* sleep(1);\n}`,
            },
          ],
        },
      ],
    },
  ],
});
