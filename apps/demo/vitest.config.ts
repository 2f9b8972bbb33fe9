import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  test: {
    name: '@aio/demo',
    // Fails a test file on an aio error report no test asked for (a leaked failed future).
    setupFiles: ['../../tooling/test-utils/src/setup.ts'],
    include: ['src/**/*.test.ts'],
  },
});
