// Prints vitest's totals from its JSON report as one line, `N passed, M failed`,
// and exits non-zero when a test failed, a suite failed to load, or nothing ran.
// Usage: node tooling/scripts/vitest-totals.mjs reports/vitest.json
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/vitest.json';
if (!existsSync(file)) {
  console.error(`vitest-totals: no report at ${file}: the tests did not run`);
  console.log('0 passed, 0 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const brokenSuites = report.numFailedTestSuites ?? 0;
if (brokenSuites > 0 && failed === 0) {
  console.error(`vitest-totals: ${brokenSuites} test file(s) failed to run`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || brokenSuites > 0 || passed === 0 ? 1 : 0);
