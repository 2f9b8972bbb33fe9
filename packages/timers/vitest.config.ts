import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  test: {
    name: '@aio/timers',
    // Fails a test file on an aio error report no test asked for (a leaked failed future).
    setupFiles: ['../../tooling/test-utils/src/setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // `globalThis.gc` for the tests of what a clock keeps alive (forks accept V8 flags).
    pool: 'forks',
    execArgv: ['--expose-gc'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts'],
      tsconfig: './tsconfig.test.json',
    },
  },
});
