/**
 * `@aio/test-utils`: helpers shared by the test suites of the aio packages (private).
 *
 * @module
 */

// Comparing with CPython
export { findPython, runPython } from './python';
export type { PythonInfo, RunPythonOptions } from './python';

// Garbage collection
export { collectGarbage } from './gc';
