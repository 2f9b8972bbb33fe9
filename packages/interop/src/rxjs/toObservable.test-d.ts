import {
  type AioIterator,
  type Coro,
  type Future,
  LifoQueue,
  Queue,
  type Task,
  type TaskGroup,
} from '@aio/core';
import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { observe } from './observe';
import { toObservable } from './toObservable';

declare const task: Task<number>;
declare const fut: Future<string>;
declare const words: AioIterator<string>;
declare function job(): Coro<number>;
declare const source$: Observable<Date>;

describe('toObservable overloads', () => {
  it('gives Observable<T> for a Future<T> or Task<T>', () => {
    expectTypeOf(toObservable(task)).toEqualTypeOf<Observable<number>>();
    expectTypeOf(toObservable(fut, { cancelOnUnsubscribe: true })).toEqualTypeOf<
      Observable<string>
    >();
  });

  it('gives Observable<T> for a Queue<T> (and its subclasses)', () => {
    expectTypeOf(toObservable(new Queue<number>())).toEqualTypeOf<Observable<number>>();
    expectTypeOf(toObservable(new LifoQueue<boolean>())).toEqualTypeOf<Observable<boolean>>();
  });

  it('gives Observable<T> for an AioIterator<T>', () => {
    expectTypeOf(toObservable(words)).toEqualTypeOf<Observable<string>>();
    expectTypeOf(toObservable(observe(source$))).toEqualTypeOf<Observable<Date>>();
    expectTypeOf(toObservable(new Queue<number>().iter())).toEqualTypeOf<Observable<number>>();
  });

  it('gives Observable<T> for a factory of a Coro<T>', () => {
    expectTypeOf(toObservable(() => job())).toEqualTypeOf<Observable<number>>();
    expectTypeOf(toObservable(job)).toEqualTypeOf<Observable<number>>();
  });

  it('gives Observable<T> for a factory of an AioIterator<T>, which gets a TaskGroup', () => {
    expectTypeOf(toObservable(() => words)).toEqualTypeOf<Observable<string>>();
    const numbers$ = toObservable((tg) => {
      expectTypeOf(tg).toEqualTypeOf<TaskGroup>();
      const queue = new Queue<number>(10);
      tg.createTask(queue.put(1));
      return queue.iter();
    });
    expectTypeOf(numbers$).toEqualTypeOf<Observable<number>>();
  });

  it('refuses a coroutine given directly, and a Promise', () => {
    // @ts-expect-error: pass a factory () => coro, or a task
    toObservable(job());
    // @ts-expect-error: not an aio source
    toObservable(Promise.resolve(1));
    // @ts-expect-error: a factory must return a coroutine or an AioIterator
    toObservable(() => 42);
  });
});
