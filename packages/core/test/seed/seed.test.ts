/**
 * The seed article's programs, ported to aio and run on a virtual clock: their output
 * must equal CPython's (`expected-cpython.txt`, printed by `seed_cpython.py`) line for line.
 */

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPython, runPython } from '@aio/test-utils';
import { describe, expect, test } from 'vitest';
import { runSync } from '../../src/runner';
import { peekRunningLoop } from '../../src/runningLoop';
import { TestClock } from '@aio/test-utils';
import { type Example, examples, type Printer, prepareLazy } from './examples';
import { pyFixed41, pyRepr, pyStr } from './pyFormat';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXPECTED = resolve(HERE, 'expected-cpython.txt');

function readExpected(): string {
  return readFileSync(EXPECTED, 'utf8');
}

/** Runs every example like `ex(name, f)` of the Python file and returns the printed text. */
function runAll(randint: (lo: number, hi: number) => number, only?: string): string {
  const out: string[] = [];
  let clock = new TestClock();
  let t0 = 0;
  const now = (): number => peekRunningLoop()?.time() ?? clock.now();
  const p: Printer = (...a) => {
    out.push([`[${pyFixed41((now() - t0) / 1000)}s]`, ...a.map(pyStr)].join(' '));
  };
  // The Python module creates the 2.2c coroutine before running it.
  prepareLazy(p);
  const list: Example[] = only === undefined ? examples : examples.filter((e) => e.name === only);
  for (const ex of list) {
    out.push(`== ${ex.name}`);
    clock = new TestClock();
    t0 = clock.now();
    try {
      const r = runSync(ex.main(p, randint), { clock });
      if (r !== undefined && r !== null) p('result', r);
    } catch (e) {
      p('raised', (e as Error).name, e);
    }
  }
  return `${out.join('\n')}\n`;
}

describe('the seed examples on aio', () => {
  test('there are 19 of them, as in the seed', () => {
    expect(examples).toHaveLength(19);
  });

  test('print exactly what CPython printed', () => {
    const expected = readExpected();
    // 4.3 prints a random number: the port draws the number CPython drew (read from its
    // output) and everything else is compared as is.
    const drawn = /^\[ {0,2}[\d.]+s\] \[(\d+), /m.exec(expected.split('== 4.3')[1] ?? '');
    expect(drawn, 'the 4.3 line of the expected output').not.toBeNull();
    const value = Number(drawn?.[1]);
    const actual = runAll(() => value);
    expect(actual).toBe(expected);
  });

  test('4.3 awaits the same result four times whatever number is drawn', () => {
    const r = Math.floor(Math.random() * 101);
    const out = runAll(() => r, '4.3 await many times');
    expect(out).toBe(`== 4.3 await many times\n[ 0.0s] [${r}, ${r}, ${r}, ${r}] True\n`);
  });
});

describe('the expected output', () => {
  test('is what seed_cpython.py prints on CPython today (regenerate it with pnpm seed:expected)', () => {
    const python = findPython();
    if (python === undefined) {
      throw new Error('No CPython >= 3.11 found: the seed oracle cannot be checked without it');
    }
    const out = runPython(python, resolve(HERE, 'seed_cpython.py'));
    expect(out).toBe(readExpected());
  });
});

describe('Python print formatting', () => {
  test('formats None, booleans, lists and times like Python', () => {
    expect(pyStr(undefined)).toBe('None');
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyStr(false)).toBe('False');
    expect(pyStr([undefined, undefined])).toBe('[None, None]');
    expect(pyStr([1, 'a', true])).toBe("[1, 'a', True]");
    expect(pyRepr("it's")).toBe("'it\\'s'");
    expect(pyStr('text')).toBe('text');
    expect(pyStr(new Error(''))).toBe('');
    expect(pyFixed41(1)).toBe(' 1.0');
    expect(pyFixed41(0.5)).toBe(' 0.5');
    expect(pyFixed41(12)).toBe('12.0');
  });
});
