import { describe, expectTypeOf, test } from 'vitest';
import {
  type AwaitedOf,
  asCompleted,
  type Coro,
  type EventLoop,
  ensureFuture,
  type Future,
  type GatheringFuture,
  gather,
  gatherWith,
  run,
  runSync,
  shield,
  sleep,
  type Task,
  type TaskGroup,
  type Timeout,
  createTask,
  taskGroup,
  timeout,
  timeoutAt,
  wait,
  waitFor,
  wrapPromise,
} from './index';

declare const loop: EventLoop;
declare function num(): Coro<number>;
declare function str(): Coro<string>;
declare const numFut: Future<number>;
declare const strTask: Task<string>;

describe('yield* inference', () => {
  test('yield* on a Future<T>, a Task<T> and a Coro<T> evaluates to T', () => {
    function* main(): Coro<void> {
      const a = yield* numFut;
      expectTypeOf(a).toEqualTypeOf<number>();
      const b = yield* strTask;
      expectTypeOf(b).toEqualTypeOf<string>();
      const c = yield* num();
      expectTypeOf(c).toEqualTypeOf<number>();
      const d = yield* loop.createFuture<boolean>();
      expectTypeOf(d).toEqualTypeOf<boolean>();
    }
    expectTypeOf(main).returns.toEqualTypeOf<Coro<void>>();
  });

  test('createTask keeps the coroutine result type', () => {
    function* main(): Coro<void> {
      const t = createTask(num());
      expectTypeOf(t).toEqualTypeOf<Task<number>>();
      expectTypeOf(yield* t).toEqualTypeOf<number>();
      expectTypeOf(loop.createTask(str())).toEqualTypeOf<Task<string>>();
    }
    void main;
  });

  test('sleep<T> evaluates to T, and to void without a result', () => {
    function* main(): Coro<void> {
      expectTypeOf(yield* sleep(10)).toEqualTypeOf<void>();
      expectTypeOf(yield* sleep(10, 'x')).toEqualTypeOf<string>();
      expectTypeOf(yield* sleep<{ a: number }>(10, { a: 1 })).toEqualTypeOf<{ a: number }>();
    }
    void main;
  });

  test('gather (tuple form) gives a tuple in argument order', () => {
    function* main(): Coro<void> {
      const r = yield* gather(num(), strTask, numFut, Promise.resolve(true));
      expectTypeOf(r).toEqualTypeOf<[number, string, number, boolean]>();
      const g = gather(num(), str());
      expectTypeOf(g).toEqualTypeOf<GatheringFuture<[number, string]>>();
      const opts = yield* gather(num(), str(), { returnExceptions: false });
      expectTypeOf(opts).toEqualTypeOf<[number, string]>();
    }
    void main;
  });

  test('gather with returnExceptions adds Error to each element', () => {
    function* main(): Coro<void> {
      const r = yield* gather(num(), strTask, { returnExceptions: true });
      expectTypeOf(r).toEqualTypeOf<[number | Error, string | Error]>();
    }
    void main;
  });

  test('gather (array form) gives an array', () => {
    function* main(): Coro<void> {
      const coros: Coro<number>[] = [num(), num()];
      const r = yield* gather(coros);
      expectTypeOf(r).toEqualTypeOf<number[]>();
      const tasks: Task<string>[] = [];
      expectTypeOf(yield* gather(tasks)).toEqualTypeOf<string[]>();
      expectTypeOf(yield* gather(tasks, { returnExceptions: true })).toEqualTypeOf<
        Array<string | Error>
      >();
    }
    void main;
  });

  test('gatherWith takes the options first', () => {
    function* main(): Coro<void> {
      expectTypeOf(yield* gatherWith({}, num(), str())).toEqualTypeOf<[number, string]>();
      expectTypeOf(yield* gatherWith({ returnExceptions: true }, num(), str())).toEqualTypeOf<
        [number | Error, string | Error]
      >();
    }
    void main;
  });

  test('waitFor and shield keep the result type', () => {
    function* main(): Coro<void> {
      expectTypeOf(yield* waitFor(num(), 100)).toEqualTypeOf<number>();
      expectTypeOf(yield* waitFor(strTask, null)).toEqualTypeOf<string>();
      expectTypeOf(yield* waitFor(Promise.resolve(1n), 5)).toEqualTypeOf<bigint>();
      const s = shield(num());
      expectTypeOf(s).toEqualTypeOf<Future<number>>();
      expectTypeOf(yield* shield(strTask)).toEqualTypeOf<string>();
    }
    void main;
  });

  test('timeout, timeoutAt and taskGroup evaluate to the body result', () => {
    function* main(): Coro<void> {
      const a = yield* timeout(100, function* (t) {
        expectTypeOf(t).toEqualTypeOf<Timeout>();
        return yield* num();
      });
      expectTypeOf(a).toEqualTypeOf<number>();
      expectTypeOf(
        yield* timeoutAt(null, function* () {
          return 'x' as const;
        }),
      ).toEqualTypeOf<'x'>();
      const tasks = yield* taskGroup(function* (tg) {
        expectTypeOf(tg).toEqualTypeOf<TaskGroup>();
        return [tg.createTask(num()), tg.createTask(str())] as const;
      });
      expectTypeOf(tasks).toEqualTypeOf<readonly [Task<number>, Task<string>]>();
    }
    void main;
  });

  test('wait gives two sets of the futures passed in', () => {
    function* main(): Coro<void> {
      const ts: Task<number>[] = [];
      const [done, pending] = yield* wait(ts, { returnWhen: 'FIRST_COMPLETED' });
      expectTypeOf(done).toEqualTypeOf<Set<Task<number>>>();
      expectTypeOf(pending).toEqualTypeOf<Set<Task<number>>>();
    }
    void main;
  });

  test('asCompleted yields coroutines of the result type', () => {
    function* main(): Coro<void> {
      const it = asCompleted([num(), num()]);
      expectTypeOf(it).toEqualTypeOf<IterableIterator<Coro<number>>>();
      for (const next of it) expectTypeOf(yield* next).toEqualTypeOf<number>();
    }
    void main;
  });

  test('ensureFuture and wrapPromise give a Future of the result type', () => {
    function* main(): Coro<void> {
      expectTypeOf(ensureFuture(num())).toEqualTypeOf<Future<number>>();
      expectTypeOf(ensureFuture(strTask)).toEqualTypeOf<Future<string>>();
      expectTypeOf(ensureFuture(Promise.resolve(true))).toEqualTypeOf<Future<boolean>>();
      expectTypeOf(wrapPromise(Promise.resolve('s'))).toEqualTypeOf<Future<string>>();
      expectTypeOf(wrapPromise(async (signal: AbortSignal) => signal.aborted)).toEqualTypeOf<
        Future<boolean>
      >();
      yield;
    }
    void main;
  });

  test('run and runSync give the main result; a Future is PromiseLike', () => {
    expectTypeOf(run(num())).toEqualTypeOf<Promise<number>>();
    expectTypeOf(runSync(str())).toEqualTypeOf<string>();
    expectTypeOf(loop.runUntilComplete(num())).toEqualTypeOf<Promise<number>>();
    expectTypeOf(numFut).toMatchTypeOf<PromiseLike<number>>();
  });

  test('AwaitedOf unwraps futures, coroutines and promises', () => {
    expectTypeOf<AwaitedOf<Task<number>>>().toEqualTypeOf<number>();
    expectTypeOf<AwaitedOf<Coro<string>>>().toEqualTypeOf<string>();
    expectTypeOf<AwaitedOf<Promise<Promise<boolean>>>>().toEqualTypeOf<boolean>();
    expectTypeOf<AwaitedOf<number>>().toEqualTypeOf<never>();
  });

  test('a coroutine may only yield futures or nothing', () => {
    function* main(): Coro<void> {
      yield;
      // @ts-expect-error a number is not a valid yield
      yield 42;
    }
    void main;
  });
});

describe('yield for yield*', () => {
  test('`yield fut` and `yield task` are type errors; a bare yield and yield* are fine', () => {
    function* main(): Coro<void> {
      yield;
      yield* numFut;
      // @ts-expect-error a Future is not a Suspension: write `yield* numFut`
      yield numFut; // eslint-disable-line @aio/no-yield-future -- the mistake this test pins
      // @ts-expect-error a Task is not a Suspension: write `yield* strTask`
      yield strTask; // eslint-disable-line @aio/no-yield-future -- the mistake this test pins
      // @ts-expect-error a coroutine is not a Suspension: write `yield* num()`
      yield num(); // eslint-disable-line @aio/no-yield-future -- the mistake this test pins
    }
    void main;
  });

  test('an unannotated generator that yields a future does not pass for a coroutine', () => {
    function* wrong() {
      yield numFut; // eslint-disable-line @aio/no-yield-future -- the mistake this test pins
      return 1;
    }
    // @ts-expect-error its yield type is Future<number>, not Suspension | undefined
    createTask(wrong());
    function* right() {
      return yield* numFut;
    }
    expectTypeOf(createTask(right())).toEqualTypeOf<Task<number>>();
  });
});

describe('gather of one iterable whose elements are a union', () => {
  test('infers the union of the results (coroutines, tasks, futures, promises)', () => {
    const c = Math.random() > 0.5;
    const urls = ['a', 'b'];
    function* main(): Coro<void> {
      const r = yield* gather(urls.map(() => (c ? num() : str())));
      expectTypeOf(r).toEqualTypeOf<Array<number | string>>();
      const t = yield* gather(urls.map(() => (c ? createTask(num()) : strTask)));
      expectTypeOf(t).toEqualTypeOf<Array<number | string>>();
      const m = yield* gather([numFut, Promise.resolve(true)]);
      expectTypeOf(m).toEqualTypeOf<Array<number | boolean>>();
      const s = yield* gather(
        urls.map(() => (c ? num() : str())),
        { returnExceptions: true },
      );
      expectTypeOf(s).toEqualTypeOf<Array<number | string | Error>>();
    }
    void main;
  });
});
