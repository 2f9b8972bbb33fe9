// ESLint runs only @aio/eslint-plugin's rules, over the repository's own TypeScript
// (`pnpm lint:aio`, after `pnpm build`: it loads the built plugin). Biome stays the linter
// and formatter of everything else.
import { fileURLToPath } from 'node:url';
import aio from '@aio/eslint-plugin';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('.', import.meta.url));

const files = [
  'packages/*/src/**/*.ts',
  'packages/*/test/**/*.ts',
  'packages/*/docs/examples/**/*.ts',
  'apps/demo/src/**/*.ts',
  'tooling/test-utils/src/**/*.ts',
];
const tests = [
  'packages/*/src/**/*.test.ts',
  'packages/*/src/**/*.testutil.ts',
  'packages/*/test/**/*.ts',
  'apps/demo/src/**/*.test.ts',
  'tooling/test-utils/src/**/*.test.ts',
];

export default [
  {
    // The rule tests' fixture project is code for the rules to read, not the repository's.
    // JavaScript files (configs, scripts, the benchmarks) are not linted here at all.
    ignores: [
      '**/*.{js,mjs,cjs}',
      '**/dist/**',
      '**/coverage/**',
      'packages/eslint-plugin/test/fixtures/**',
    ],
  },
  {
    files,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: {
        // Users write `projectService: true`. Here each package's tsconfig.json leaves its
        // tests out (tsconfig.test.json has them), so the projects are named explicitly.
        // (packages/trace/tsconfig.test.json also holds its docs/examples.)
        project: [
          'packages/*/tsconfig.test.json',
          'apps/demo/tsconfig.json',
          'tooling/test-utils/tsconfig.json',
        ],
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  { ...aio.configs.recommended, files },
  {
    // Tests observe cancellations on purpose: they catch a CancelledError to record it, or
    // cancel a task and then wait for it (`swallowCancel`).
    files: tests,
    rules: { '@aio/no-swallowed-cancellation': 'off' },
  },
];
