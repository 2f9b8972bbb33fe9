import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

// RuleTester cases with type information: each file shares one TypeScript project
// (test/fixtures/tsconfig.json) through typescript-eslint's project service.
export default defineProject({
  ...sourceResolve,
  test: {
    name: '@aio/eslint-plugin',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
