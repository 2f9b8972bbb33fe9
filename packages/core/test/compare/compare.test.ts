/**
 * The asyncio comparison: every scenario under `scenarios/` runs as a Python
 * program on CPython (virtual-time loop, `vloop.py`) and as an aio program
 * (`TestClock`), and the two traces must be equal line for line.
 *
 * See README.md for how it works and how to add a scenario.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from './harness';
import type { Scenario } from './harness';
import { findPython, runPythonScenarios } from './python';
import type { PythonRun } from './python';

const HERE = dirname(fileURLToPath(import.meta.url));
const SCENARIOS = join(HERE, 'scenarios');

interface ScenarioFiles {
  py?: string;
  ts?: string;
  expected?: string;
}

/** Every scenario below `scenarios/` (any depth), by name (`group/file`). */
function discover(): Map<string, ScenarioFiles> {
  const found = new Map<string, ScenarioFiles>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== '__pycache__') walk(path);
        continue;
      }
      const m = /^([^_.][^.]*)\.(py|ts|expected)$/.exec(entry);
      if (!m) continue;
      const name = relative(SCENARIOS, join(dir, m[1]!)).split(sep).join('/');
      const files = found.get(name) ?? {};
      files[m[2] as keyof ScenarioFiles] = path;
      found.set(name, files);
    }
  };
  walk(SCENARIOS);
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The trace in a `.expected` file: its lines minus `#` comments and blank lines. */
function readExpected(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const scenarios = discover();

describe('aio against CPython asyncio', () => {
  let py: PythonRun | undefined;
  // A missing CPython must fail every test, not skip them (as a throwing
  // beforeAll would): the comparison is part of the definition of done.
  let setupError: Error | undefined;

  beforeAll(() => {
    const python = findPython();
    if (python === undefined) {
      setupError = new Error(
        'No CPython >= 3.11 found (probed ~/.pyenv/versions/*, $PYENV_ROOT, python3.1x and ' +
          'python3 on PATH). The asyncio comparison cannot run without it: install CPython ' +
          '3.11+ (3.13 is the reference) or point AIO_PYTHON at one.',
      );
      return;
    }
    try {
      py = runPythonScenarios(python, join(HERE, 'run_py.py'));
    } catch (e) {
      setupError = new Error(`run_py.py failed on ${python.path}: ${String(e)}`);
      return;
    }
    console.log(`asyncio comparison: CPython ${py.python} (${py.executable})`);
  });

  const pythonRun = (): PythonRun => {
    if (setupError !== undefined) throw setupError;
    return py!;
  };

  it('runs every scenario on CPython >= 3.11', () => {
    const py = pythonRun();
    const [major, minor] = py.python.split('.').map(Number);
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(311);
    const pyNames = [...scenarios].filter(([, f]) => f.py).map(([n]) => n);
    expect(Object.keys(py.scenarios).sort()).toEqual(pyNames);
  });

  for (const [name, files] of scenarios) {
    it(name, async () => {
      const py = pythonRun();
      expect(files.py, `${name}: no Python scenario (${name}.py)`).toBeDefined();
      expect(files.ts, `${name}: no TypeScript twin (${name}.ts)`).toBeDefined();
      const entry = py.scenarios[name];
      expect(entry, `${name}: run_py.py reported nothing`).toBeDefined();
      let expected: string[];
      if (entry!.lines === null) {
        // Needs a newer CPython than the one found: checked against the trace that
        // CPython's documented behaviour gives, kept in <name>.expected.
        expect(
          files.expected,
          `${name} needs CPython ${entry!.minPython}, found ${py.python}, and has no .expected`,
        ).toBeDefined();
        expected = readExpected(files.expected!);
      } else {
        expected = entry!.lines;
      }
      const mod = (await import(/* @vite-ignore */ pathToFileURL(files.ts!).href)) as {
        default?: Scenario;
      };
      expect(typeof mod.default, `${name}.ts must default-export its main`).toBe('function');
      const actual = await runScenario(mod.default!);
      expect(actual.lines).toEqual(expected);
      if (entry!.reports !== undefined) {
        expect(actual.reports, `${name}: what reached the exception handler`).toEqual(
          entry!.reports,
        );
      }
    });

    if (files.expected !== undefined) {
      // Keeps the committed expectation honest wherever CPython can run it.
      it(`${name} (.expected is what CPython prints)`, () => {
        const entry = pythonRun().scenarios[name];
        if (entry?.lines == null) {
          // This CPython is too old for the scenario: the .expected file is the reference.
          expect(entry?.minPython).toBeDefined();
          return;
        }
        expect(readExpected(files.expected!)).toEqual(entry.lines);
      });
    }
  }

  it('keeps the reference traces of scenarios that need a newer CPython', () => {
    const py = pythonRun();
    for (const [name, files] of scenarios) {
      const entry = py.scenarios[name];
      if (entry?.minPython !== undefined) {
        expect(existsSync(files.expected ?? ''), `${name}.expected is missing`).toBe(true);
      }
    }
  });
});
