import { describe, expect, it } from 'vitest';
import { findPython, runPython } from './python';

describe('findPython', () => {
  it('finds a Python 3 interpreter that reports its version', () => {
    const py = findPython();
    expect(py.version[0]).toBe(3);
    expect(py.version[1]).toBeGreaterThanOrEqual(8);
  });
});

describe('runPython', () => {
  it('returns what the script prints', () => {
    expect(runPython('import asyncio\nprint(asyncio.run(asyncio.sleep(0, 7)))')).toBe('7\n');
  });

  it('passes arguments after the script', () => {
    expect(runPython('import sys; print(sys.argv[1:])', { args: ['a', 'b'] })).toBe("['a', 'b']\n");
  });

  it("fails with Python's standard error when the script raises", () => {
    expect(() => runPython('raise ValueError("boom")')).toThrow(/ValueError: boom/);
  });

  it('rejects code that is not a string', () => {
    expect(() => runPython(42 as unknown as string)).toThrow(
      new TypeError('runPython: code must be a string, got number'),
    );
  });
});
