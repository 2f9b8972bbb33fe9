import { describe, expect, it } from 'vitest';
import { compareVersions, findPython, runPython } from './python';

describe('findPython', () => {
  it('finds a CPython of at least 3.11 and reports its version', () => {
    const py = findPython();
    expect(py).toBeDefined();
    expect(compareVersions(py!.version, [3, 11])).toBeGreaterThanOrEqual(0);
  });

  it('prefers the requested version when it is installed', () => {
    const any = findPython({ prefer: [3, 11] });
    expect(any?.version.slice(0, 2)).toEqual([3, 11]);
  });

  it('honours AIO_PYTHON, and rejects an interpreter that does not exist', () => {
    const saved = process.env.AIO_PYTHON;
    try {
      process.env.AIO_PYTHON = '/nonexistent/python3';
      expect(findPython()).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.AIO_PYTHON;
      else process.env.AIO_PYTHON = saved;
    }
  });
});

describe('runPython', () => {
  it('runs a script with arguments and stdin and returns its stdout', () => {
    const py = findPython()!;
    const out = runPython(py, '-c', ['import sys; print(sys.argv[1], sys.stdin.read())', 'hi'], {
      input: 'there',
    });
    expect(out).toBe('hi there\n');
  });

  it('throws with the stderr of a failing program', () => {
    const py = findPython()!;
    expect(() => runPython(py, '-c', ['import sys; sys.exit("bad thing")'])).toThrow(/bad thing/);
  });
});

describe('compareVersions', () => {
  it('orders version tuples', () => {
    expect(compareVersions([3, 13, 0], [3, 11])).toBeGreaterThan(0);
    expect(compareVersions([3, 11], [3, 11, 0])).toBe(0);
    expect(compareVersions([3, 9, 18], [3, 11])).toBeLessThan(0);
  });
});
