import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  test: {
    name: '@aio/test-utils',
    // Fails a test file on an aio error report no test asked for (a leaked failed future).
    setupFiles: ['./src/setup.ts'],
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
