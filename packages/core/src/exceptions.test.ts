import { describe, expect, test } from 'vitest';
import {
  BrokenBarrierError,
  CancelledError,
  InvalidStateError,
  isCancelledError,
  makeCancelledError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  TaskGroupError,
  TimeoutError,
} from './exceptions';

describe('error classes', () => {
  const classes = [
    [CancelledError, 'CancelledError'],
    [InvalidStateError, 'InvalidStateError'],
    [TimeoutError, 'TimeoutError'],
    [QueueEmpty, 'QueueEmpty'],
    [QueueFull, 'QueueFull'],
    [QueueShutDown, 'QueueShutDown'],
    [BrokenBarrierError, 'BrokenBarrierError'],
  ] as const;

  test.each(classes)('%o is an Error with its own name, message and cause', (Cls, name) => {
    const cause = new Error('root');
    const e = new Cls('what happened', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(Cls);
    expect(e.name).toBe(name);
    expect(e.message).toBe('what happened');
    expect(e.cause).toBe(cause);
    expect(String(e)).toBe(`${name}: what happened`);
  });

  test('a CancelledError without a message has an empty message', () => {
    const e = new CancelledError();
    expect(e.message).toBe('');
    expect(String(e)).toBe('CancelledError');
  });

  test('the error classes are distinct: a TimeoutError is not a CancelledError', () => {
    expect(new TimeoutError()).not.toBeInstanceOf(CancelledError);
    expect(new CancelledError()).not.toBeInstanceOf(TimeoutError);
    expect(new QueueEmpty()).not.toBeInstanceOf(QueueFull);
  });
});

describe('TaskGroupError', () => {
  test('is an AggregateError holding every failure, with asyncio’s message', () => {
    const a = new Error('a');
    const b = new TypeError('b');
    const e = new TaskGroupError([a, b]);
    expect(e).toBeInstanceOf(AggregateError);
    expect(e.name).toBe('TaskGroupError');
    expect(e.errors).toEqual([a, b]);
    expect(e.message).toBe('unhandled errors in a TaskGroup (2 sub-exceptions)');
  });

  test('says "sub-exception" in the singular for one failure and accepts any iterable', () => {
    const e = new TaskGroupError(new Set([new Error('x')]));
    expect(e.message).toBe('unhandled errors in a TaskGroup (1 sub-exception)');
    expect(e.errors).toHaveLength(1);
  });

  test('takes a custom message prefix', () => {
    expect(new TaskGroupError([], 'failed').message).toBe('failed (0 sub-exceptions)');
  });
});

describe('isCancelledError', () => {
  test('tells cancellations from other errors and non-errors', () => {
    expect(isCancelledError(new CancelledError('x'))).toBe(true);
    expect(isCancelledError(new TimeoutError())).toBe(false);
    expect(isCancelledError(new Error('CancelledError'))).toBe(false);
    expect(isCancelledError({ name: 'CancelledError' })).toBe(false);
    expect(isCancelledError(undefined)).toBe(false);
  });
});

describe('makeCancelledError', () => {
  test('builds a CancelledError without a stack trace unless asked for one', () => {
    const quiet = makeCancelledError('msg', false);
    expect(quiet).toBeInstanceOf(CancelledError);
    expect(quiet.message).toBe('msg');
    expect(quiet.stack ?? '').not.toMatch(/\n\s+at /);
    const loud = makeCancelledError(undefined, true);
    expect(loud.message).toBe('');
    expect(loud.stack).toMatch(/\n\s+at /);
  });

  test('a stackless cancellation still behaves as an error', () => {
    const e = makeCancelledError('bye', false);
    expect(e).toBeInstanceOf(Error);
    expect(isCancelledError(e)).toBe(true);
    expect(e.name).toBe('CancelledError');
    expect(String(e)).toBe('CancelledError: bye');
    expect(e.stack).toBe(
      'CancelledError: bye\n    (created without a stack trace; run the loop in debug mode to capture one)',
    );
    e.stack = 'replaced';
    expect(e.stack).toBe('replaced');
    expect(() => {
      throw e;
    }).toThrow(CancelledError);
  });

  test('leaves real CancelledErrors and Error.stackTraceLimit alone', () => {
    const before = Error.stackTraceLimit;
    makeCancelledError('x', false);
    expect(Error.stackTraceLimit).toBe(before);
    const real = new CancelledError('real');
    expect(real.stack).toMatch(/^CancelledError: real\n\s+at /);
  });
});
