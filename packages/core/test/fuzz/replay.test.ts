/**
 * Replays the fuzzer's saved programs: `programs/` (hand-written, one per area of
 * the DSL) and `regressions/` (minimised programs the fuzzer found divergent, or
 * the known cases). Each file keeps CPython's trace (`expected`), so aio
 * is checked without CPython; where CPython 3.13 runs, a second test checks that
 * the file still holds what it prints (refresh one with
 * `pnpm fuzz --replay <file> --update-expected`).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProgramOnAio } from './interpret';
import { findOracle, Oracle } from './oracle';
import { validateProgram } from './program';

const HERE = dirname(fileURLToPath(import.meta.url));

interface SavedProgram {
  readonly description: string;
  readonly program: unknown;
  readonly expected: string[];
  readonly cpython: string;
}

function load(dir: string): [string, SavedProgram][] {
  return readdirSync(join(HERE, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [
      `${dir}/${f.slice(0, -5)}`,
      JSON.parse(readFileSync(join(HERE, dir, f), 'utf8')) as SavedProgram,
    ]);
}

const saved = [...load('programs'), ...load('regressions')];

describe('saved fuzzer programs', () => {
  let oracle: Oracle | undefined;
  let setupError: Error | undefined;

  beforeAll(async () => {
    const found = findOracle();
    if ('missing' in found) {
      setupError = new Error(`checking the expected traces needs CPython 3.13: ${found.missing}`);
      return;
    }
    oracle = await Oracle.start(found.python);
  });

  afterAll(() => oracle?.close());

  it('has programs to replay', () => {
    expect(saved.length).toBeGreaterThanOrEqual(10);
  });

  for (const [name, file] of saved) {
    it(`${name}: aio prints CPython's trace`, () => {
      expect(Array.isArray(file.expected), `${name}.json has no "expected" trace`).toBe(true);
      expect(runProgramOnAio(validateProgram(file.program))).toEqual(file.expected);
    });

    it(`${name}: "expected" is what CPython prints`, async () => {
      if (setupError !== undefined) throw setupError;
      expect(await oracle!.trace(validateProgram(file.program))).toEqual(file.expected);
    });
  }
});
