import { describe, expect, it } from 'vitest';
import { line, pyRepr, pyStr, stamp } from './format';

describe('Python-style formatting of the tour', () => {
  it("formats elapsed ms as the seed's `[%4.1fs]` column", () => {
    expect(stamp(0)).toBe('[ 0.0s]');
    expect(stamp(500)).toBe('[ 0.5s]');
    expect(stamp(1000)).toBe('[ 1.0s]');
    expect(stamp(2999.6)).toBe('[ 3.0s]');
    expect(stamp(12_340)).toBe('[12.3s]');
    expect(stamp(-0.01)).toBe('[ 0.0s]');
  });

  it('prints values as Python str() and list items as repr()', () => {
    expect(pyStr('Hello')).toBe('Hello');
    expect(pyStr([undefined, null])).toBe('[None, None]');
    expect(pyStr([11, 11])).toBe('[11, 11]');
    expect(pyStr(true)).toBe('True');
    expect(pyStr(false)).toBe('False');
    expect(pyStr(new Error(''))).toBe('');
    expect(pyRepr(["it's", 'a', 'x"y'])).toBe(`["it's", 'a', 'x"y']`);
  });

  it('joins the arguments with spaces after the timestamp, like print()', () => {
    expect(line(2000, ['gather ->', [undefined, undefined]])).toBe(
      '[ 2.0s] gather -> [None, None]',
    );
    expect(line(2000, ['raised', 'TimeoutError', new Error('')])).toBe(
      '[ 2.0s] raised TimeoutError ',
    );
  });
});
