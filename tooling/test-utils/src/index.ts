/**
 * `@aio/test-utils`: helpers shared by the test suites of the aio packages (private).
 * It imports nothing from the aio packages, so every package (core included) can use it.
 *
 * @module
 */

// Comparing with CPython
export {
  compareVersions,
  findPython,
  MINIMUM_PYTHON,
  REFERENCE_PYTHON,
  runPython,
} from './python';
export type { PythonInfo, RunPythonOptions } from './python';

// Virtual time
export { TestClock } from './testClock';

// Garbage collection
export { collectGarbage, wasCollected } from './gc';

// Reports that no test asked for
export { failOnStrayReports, STRAY_REPORT, StrayReportGuard } from './strayReports';

// TSDoc examples as tests
export {
  bindImports,
  examplesOf,
  exportsWithoutExamples,
  sourceFiles,
} from './tsdocExamples';
export type { Example } from './tsdocExamples';

// Reproducible randomness
export { seededRandom } from './random';
