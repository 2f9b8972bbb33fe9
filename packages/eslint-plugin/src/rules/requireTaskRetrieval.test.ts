import { requireTaskRetrieval } from './requireTaskRetrieval';
import { typedRuleTester } from '../ruleTester.testutil';

const AIO =
  "import { type Coro, createTask, ensureFuture, type EventLoop, type Future, sleep, Task, taskGroup } from '@aio/core';";

typedRuleTester().run('require-task-retrieval', requireTaskRetrieval, {
  valid: [
    {
      name: 'accepts a task that is kept, awaited, passed on or returned',
      code: `${AIO}
function* main(): Coro<Task<void>> {
  const t = createTask(sleep(1));
  yield* createTask(sleep(1));
  const all: Task<void>[] = [];
  all.push(createTask(sleep(1)));
  yield* t;
  return createTask(sleep(1));
}`,
    },
    {
      name: 'accepts tasks started in a task group, which the group keeps',
      code: `${AIO}
function* main(): Coro<void> {
  yield* taskGroup(function* (tg) {
    tg.createTask(sleep(1));
    tg.createTask(sleep(2), { name: 'second' });
  });
}`,
    },
    {
      name: 'accepts void createTask(...) as a deliberate fire-and-forget by default',
      code: `${AIO}\nfunction* main(): Coro<void> { void createTask(sleep(1)); yield; }`,
    },
    {
      name: 'accepts ensureFuture of a future (it returns the same future: nothing is started)',
      code: `${AIO}\nfunction* main(f: Future<number>): Coro<void> { ensureFuture(f); yield; }`,
    },
    {
      name: "accepts another library's createTask",
      code: `import { createTask, sleep } from 'lookalike';\ncreateTask(sleep(1));`,
    },
  ],
  invalid: [
    {
      name: 'reports createTask, loop.createTask and new Task whose task is dropped',
      code: `${AIO}
function* main(loop: EventLoop): Coro<void> {
  createTask(sleep(1));
  loop.createTask(sleep(2));
  new Task(sleep(3));
  yield;
}`,
      errors: [
        { messageId: 'dropped', line: 3, column: 3, endColumn: 23 },
        { messageId: 'dropped', line: 4 },
        { messageId: 'dropped', line: 5 },
      ],
    },
    {
      name: 'reports ensureFuture of a coroutine (it starts a task) whose result is dropped',
      code: `${AIO}\nfunction* main(): Coro<void> { ensureFuture(sleep(1)); yield; }`,
      errors: [{ messageId: 'dropped' }],
    },
    {
      name: 'reports createTask behind renamed re-exports and the Suspension form',
      code: `import { createTask, sleep } from 'aio-next';
import { fetchUser, spawn } from './helpers';
function* main() {
  spawn(fetchUser(1));
  createTask(sleep(1));
  yield;
}`,
      errors: [
        { messageId: 'dropped', line: 4 },
        { messageId: 'dropped', line: 5 },
      ],
    },
    {
      name: "reports a user's generic function that returns a task",
      code: `${AIO}
function start<T>(coro: Coro<T>): Task<T> { return createTask(coro); }
function* main(): Coro<void> { start(sleep(1)); yield; }`,
      errors: [{ messageId: 'dropped', line: 3 }],
    },
    {
      name: 'reports void createTask(...) when ignoreVoid is false',
      code: `${AIO}\nfunction* main(): Coro<void> { void createTask(sleep(1)); yield; }`,
      options: [{ ignoreVoid: false }],
      errors: [{ messageId: 'dropped' }],
    },
  ],
});
