import { defineConfig } from 'vitest/config';

// One vitest run over every project of the workspace (`pnpm test:unit`, or `pnpm vitest`).
// Each package describes its own project in its `vitest.config.ts`; run one with
// `pnpm vitest run --project @aio/core`, or one file with `pnpm vitest run <path>`.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/*/vitest.*.config.ts',
      'tooling/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
    ],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.test-d.ts', '**/*.testutil.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'coverage',
      thresholds: {
        // The engine must stay covered; other packages get budgets as they grow.
        'packages/core/src/**/*.ts': { lines: 90 },
      },
    },
  },
});
