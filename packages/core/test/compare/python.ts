/**
 * Finds a CPython for the comparison harness and runs the Python half of it
 * (`run_py.py`) once for every scenario.
 *
 * @module
 */

import { type PythonInfo, runPython } from '@aio/test-utils';

export { findPython } from '@aio/test-utils';
export type { PythonInfo } from '@aio/test-utils';

/** One scenario's outcome on CPython. */
export interface PythonTrace {
  /** The trace, or `null` when the scenario needs a newer Python than the one found. */
  readonly lines: string[] | null;
  /** What reached the loop's exception handler, sorted (absent when not run). */
  readonly reports?: string[];
  /** The scenario's `MIN_PYTHON`, when it declares one newer than 3.11. */
  readonly minPython?: string;
  /** What the scenario wrote to stdout/stderr (asyncio's own error logs). */
  readonly output?: string;
}

/** What `run_py.py` prints. */
export interface PythonRun {
  readonly python: string;
  readonly executable: string;
  readonly scenarios: Record<string, PythonTrace>;
}

/** Runs `run_py.py` with `python` over every scenario and parses its JSON. */
export function runPythonScenarios(python: PythonInfo, runPy: string): PythonRun {
  return JSON.parse(runPython(python, runPy)) as PythonRun;
}
