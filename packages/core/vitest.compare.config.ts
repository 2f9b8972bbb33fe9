import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

// The comparison harness in test/: runs scenarios on aio and on CPython (it spawns
// python), so each test gets a generous time limit.
export default defineProject({
  ...sourceResolve,
  test: {
    name: '@aio/core:compare',
    // Fails a test file on an aio error report no test asked for (a leaked failed future).
    setupFiles: ['../../tooling/test-utils/src/setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
