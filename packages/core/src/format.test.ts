import { describe, expect, test } from 'vitest';
import { describeCall, isGeneratorObject, repr } from './format';

describe('repr', () => {
  test('quotes strings and shortens long ones', () => {
    expect(repr('abc')).toBe("'abc'");
    const long = 'x'.repeat(100);
    expect(repr(long)).toBe(`'${'x'.repeat(57)}...'`);
  });

  test('names functions, including anonymous ones', () => {
    function named() {}
    expect(repr(named)).toBe('function named');
    expect(repr([() => 1][0])).toBe('function <anonymous>');
  });

  test('describes primitives', () => {
    expect(repr(42)).toBe('42');
    expect(repr(Number.NaN)).toBe('NaN');
    expect(repr(undefined)).toBe('undefined');
    expect(repr(null)).toBe('null');
    expect(repr(true)).toBe('true');
    expect(repr(10n)).toBe('10n');
    expect(repr(Symbol('s'))).toBe('Symbol(s)');
  });

  test('describes errors, arrays, generators and objects briefly', () => {
    expect(repr(new TypeError('bad'))).toBe("TypeError('bad')");
    expect(repr([1, 2, 3])).toBe('Array(3)');
    expect(repr((function* () {})())).toBe('coroutine');
    expect(repr({ a: 1 })).toBe('Object {…}');
    expect(repr(Object.create({ constructor: undefined }))).toBe('{…}');
    expect(typeof repr(Object.create(null))).toBe('string');
    class Thing {}
    expect(repr(new Thing())).toBe('Thing {…}');
    expect(repr({ toString: () => 'custom' })).toBe('custom');
    expect(repr({ toString: () => 'y'.repeat(100) })).toBe(`${'y'.repeat(77)}...`);
  });

  test('never throws, even for objects whose toString throws', () => {
    const evil = {
      toString() {
        throw new Error('no');
      },
    };
    expect(repr(evil)).toBe('<unprintable>');
  });

  test('describes an object without a prototype as {…}', () => {
    expect(repr(Object.create(null))).toBe('{…}');
  });

  test('isGeneratorObject is false for an object without a prototype', () => {
    expect(isGeneratorObject(Object.create(null))).toBe(false);
  });
});

describe('describeCall', () => {
  test('shows the callback name and up to six arguments', () => {
    function cb() {}
    expect(describeCall(cb, null)).toBe('cb()');
    expect(describeCall(cb, [])).toBe('cb()');
    expect(describeCall(cb, [1, 'a'])).toBe("cb(1, 'a')");
    expect(describeCall(cb, [1, 2, 3, 4, 5, 6, 7])).toBe('cb(1, 2, 3, 4, 5, 6, …)');
  });

  test('names anonymous, cancelled and non-function callbacks', () => {
    expect(describeCall([() => 0][0], null)).toBe('<anonymous>()');
    expect(describeCall(null, null)).toBe('<cancelled>()');
    expect(describeCall(42, null)).toBe('42()');
  });
});

describe('isGeneratorObject', () => {
  test('recognises generator objects only', () => {
    function* g() {}
    expect(isGeneratorObject(g())).toBe(true);
    expect(isGeneratorObject(g)).toBe(false);
    expect(isGeneratorObject([1, 2][Symbol.iterator]())).toBe(false);
    expect(isGeneratorObject({ next() {}, throw() {}, return() {} })).toBe(false);
    expect(isGeneratorObject(null)).toBe(false);
    expect(isGeneratorObject(Promise.resolve())).toBe(false);
  });
});
