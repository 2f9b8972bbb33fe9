import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

// The shared conditions without `module`: OpenTelemetry's `module` builds have
// extensionless imports that Node cannot load (the forks get these conditions too), and
// Node itself never picks `module`.
const conditions = sourceResolve.resolve.conditions.filter((c) => c !== 'module');

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: '@aio/trace',
    // Fails a test file on an aio error report no test asked for (a leaked failed future).
    setupFiles: ['../../tooling/test-utils/src/setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // `globalThis.gc`: tests prove that watching a failed task never silences its report.
    pool: 'forks',
    execArgv: ['--expose-gc'],
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts'],
      tsconfig: './tsconfig.test.json',
    },
  },
});
