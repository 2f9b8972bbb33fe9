import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  test: {
    name: '@aio/test-utils',
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
  },
});
