import { noAwaitCoroutine } from './noAwaitCoroutine';
import { typedRuleTester } from '../ruleTester.testutil';

const ALIASED = `import { sleep } from 'aio-next';
import { fetchUser, inferred, nap, same } from './helpers';
async function main() {
  await nap(1);
  await fetchUser(1);
  await same(fetchUser(2));
  await inferred();
  await sleep(1);
}`;

/** ALIASED after a suggestion wrapped one call (and imported the wrapper from @aio/core). */
function wrapped(call: string, wrapper: string): string {
  return ALIASED.replace(`await ${call};`, `await ${wrapper}(${call});`).replace(
    "from './helpers';",
    `from './helpers';\nimport { ${wrapper} } from '@aio/core';`,
  );
}

typedRuleTester().run('no-await-coroutine', noAwaitCoroutine, {
  valid: [
    {
      name: 'accepts awaiting futures and tasks, which are PromiseLike',
      code: `import { type Future, type Task, createTask, run, sleep } from '@aio/core';
async function main(f: Future<number>, t: Task<string>) {
  await f;
  await t;
  await createTask(sleep(1));
  await run(sleep(1));
}`,
    },
    {
      name: 'accepts awaiting promises and plain values',
      code: `async function main(p: Promise<number>) { await p; await 1; }`,
    },
    {
      name: 'accepts Promise.all over promises that run coroutines',
      code: `import { run, sleep } from '@aio/core';\nawait Promise.all([run(sleep(1)), run(sleep(2))]);`,
    },
    {
      name: "accepts awaiting another library's Coro type",
      code: `import { sleep } from 'lookalike';\nasync function main() { await sleep(1); }`,
    },
    {
      name: 'accepts a call of a local object that shadows Promise',
      code: `import { sleep } from '@aio/core';
function main(Promise: { all(items: unknown[]): void }) { Promise.all([sleep(1)]); }`,
    },
    {
      name: 'accepts awaiting plain generators, which are not aio coroutines',
      code: `import { numbers } from './helpers';\nasync function main() { await numbers(); }`,
    },
  ],
  invalid: [
    {
      name: 'reports await of a coroutine, suggesting run() or createTask() with their imports',
      code: `import { sleep } from '@aio/core';\nasync function main() {\n  await sleep(1000);\n}`,
      errors: [
        {
          messageId: 'await',
          line: 3,
          column: 3,
          endColumn: 20,
          suggestions: [
            {
              messageId: 'suggestRun',
              output: `import { sleep, run } from '@aio/core';\nasync function main() {\n  await run(sleep(1000));\n}`,
            },
            {
              messageId: 'suggestCreateTask',
              output: `import { sleep, createTask } from '@aio/core';\nasync function main() {\n  await createTask(sleep(1000));\n}`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports a top-level await of a coroutine, using the names already imported',
      code: `import { type Coro, createTask, run, sleep } from '@aio/core';
function* main(): Coro<number> { yield* sleep(1); return 1; }
console.log(await main());`,
      errors: [
        {
          messageId: 'await',
          suggestions: [
            {
              messageId: 'suggestRun',
              output: `import { type Coro, createTask, run, sleep } from '@aio/core';
function* main(): Coro<number> { yield* sleep(1); return 1; }
console.log(await run(main()));`,
            },
            {
              messageId: 'suggestCreateTask',
              output: `import { type Coro, createTask, run, sleep } from '@aio/core';
function* main(): Coro<number> { yield* sleep(1); return 1; }
console.log(await createTask(main()));`,
            },
          ],
        },
      ],
    },
    {
      name: 'reports coroutines behind aliases, re-exports, generics and the Suspension form',
      code: ALIASED,
      errors: ['nap(1)', 'fetchUser(1)', 'same(fetchUser(2))', 'inferred()', 'sleep(1)'].map(
        (call, i) => ({
          messageId: 'await' as const,
          line: 4 + i,
          suggestions: [
            { messageId: 'suggestRun' as const, output: wrapped(call, 'run') },
            { messageId: 'suggestCreateTask' as const, output: wrapped(call, 'createTask') },
          ],
        }),
      ),
    },
    {
      name: 'reports await of something that may be a coroutine, without edits',
      code: `import { type Coro, sleep } from '@aio/core';
async function main(c: Coro<void> | Promise<void>) { await c; }`,
      errors: [{ messageId: 'await', suggestions: [] }],
    },
    {
      name: 'reports coroutines handed to Promise.all, allSettled, any, race and resolve',
      code: `import { type Coro, sleep } from '@aio/core';
async function main(coros: Coro<void>[]) {
  await Promise.all([sleep(1), Promise.resolve(2)]);
  await Promise.allSettled(coros);
  await Promise.race([...coros]);
  await Promise.any([sleep(3)]);
  await Promise.resolve(sleep(4));
}`,
      errors: [
        { messageId: 'promiseCombinator', line: 3, column: 22, data: { method: 'all' } },
        { messageId: 'promiseCombinator', line: 4, column: 28, data: { method: 'allSettled' } },
        { messageId: 'promiseCombinator', line: 5, column: 23, data: { method: 'race' } },
        { messageId: 'promiseCombinator', line: 6, column: 22, data: { method: 'any' } },
        { messageId: 'promiseCombinator', line: 7, column: 25, data: { method: 'resolve' } },
      ],
    },
  ],
});
